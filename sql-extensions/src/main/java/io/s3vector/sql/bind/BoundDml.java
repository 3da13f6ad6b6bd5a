package io.s3vector.sql.bind;

import io.s3vector.sql.ResultColumn;
import io.s3vector.storage.table.TableSchema;
import java.util.List;
import org.apache.calcite.rex.RexNode;

/**
 * A bound UPDATE or DELETE over one table's rows (all columns, in schema order).
 *
 * @param schema the target table
 * @param condition the WHERE condition over the old row, or null (every row)
 * @param assignments for UPDATE: per table column the new value over the old row, or null where
 *     the column keeps its value; null for DELETE
 * @param returning RETURNING over the new row (UPDATE) or the deleted row (DELETE), or empty
 * @param returningColumns their result columns
 * @param checks NOT NULL and CHECK constraints, for each new row of an UPDATE
 * @param keyLookup when the condition fixes every column of a unique key to a value that reads no
 *     column ({@code WHERE id = $1 [AND ...]}): that key and the values, in its column order; the
 *     row is then looked up by key instead of scanned for (null otherwise)
 * @param joined for {@code UPDATE ... FROM} and {@code DELETE ... USING}: the query that joins the
 *     target's rows with the FROM (USING) list under WHERE; {@code condition} and {@code
 *     keyLookup} are then null and {@code assignments} read the query's rows (the target's
 *     columns, then the SET values)
 */
public record BoundDml(
    TableSchema schema,
    RexNode condition,
    List<RexNode> assignments,
    List<RexNode> returning,
    List<ResultColumn> returningColumns,
    io.s3vector.sql.plan.ConstraintChecks checks,
    KeyLookup keyLookup,
    Joined joined) {

  /** A unique key and the values the condition gives its columns. */
  public record KeyLookup(io.s3vector.storage.table.TableSchema.UniqueKey key, List<RexNode> values) {}

  /**
   * The rows an {@code UPDATE ... FROM} or a {@code DELETE ... USING} acts on.
   *
   * @param query rows of the target's columns (schema order) followed by the SET values, if any
   * @param identity a unique key of NOT NULL columns: how a row of the query finds its target row
   * @param carriedFrom where the query's rows carry the FROM (USING) list's columns for RETURNING,
   *     which reads the target's new row followed by them; -1 without RETURNING
   */
  public record Joined(org.apache.calcite.rel.RelNode query,
      io.s3vector.storage.table.TableSchema.UniqueKey identity, int carriedFrom) {}

  public boolean isUpdate() {
    return assignments != null;
  }
}
