package io.s3vector.sql.bind;

import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.plan.ConstraintChecks;
import io.s3vector.storage.table.TableSchema;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;

/**
 * A bound INSERT. Each stored row has the table's columns in schema order.
 *
 * @param schema the target table
 * @param valuesRows for INSERT ... VALUES: one expression per table column per row (a NULL
 *     literal for a serial column without a value, which storage fills)
 * @param query for INSERT ... SELECT: the query, and {@code queryColumns}: per table column an
 *     expression over the query's row
 * @param returning RETURNING expressions over the stored row, or empty
 * @param returningColumns their result columns
 * @param checks NOT NULL and CHECK constraints, for each row before it is stored
 * @param conflict the ON CONFLICT clause, or null
 * @param given per row of {@code valuesRows} (one for {@code query}): the columns the statement
 *     gives a value, so a NULL there fails a serial column's NOT NULL instead of taking nextval
 */
public record BoundInsert(
    TableSchema schema,
    List<List<RexNode>> valuesRows,
    RelNode query,
    List<RexNode> queryColumns,
    List<RexNode> returning,
    List<ResultColumn> returningColumns,
    ConstraintChecks checks,
    BoundConflict conflict,
    List<boolean[]> given) {

  public BoundInsert withConflict(BoundConflict clause) {
    return new BoundInsert(schema, valuesRows, query, queryColumns, returning, returningColumns,
        checks, clause, given);
  }

  /** This INSERT with its query planned. */
  public BoundInsert withQuery(RelNode planned) {
    return new BoundInsert(schema, null, planned, queryColumns, returning, returningColumns,
        checks, conflict, given);
  }
}
