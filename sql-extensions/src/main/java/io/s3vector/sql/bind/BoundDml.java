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
 */
public record BoundDml(
    TableSchema schema,
    RexNode condition,
    List<RexNode> assignments,
    List<RexNode> returning,
    List<ResultColumn> returningColumns,
    io.s3vector.sql.plan.ConstraintChecks checks) {

  public boolean isUpdate() {
    return assignments != null;
  }
}
