package io.s3vector.sql.bind;

import io.s3vector.storage.table.TableSchema;
import java.util.List;
import org.apache.calcite.rex.RexNode;

/**
 * A bound {@code ON CONFLICT} clause. Expressions run over the existing row followed by the
 * proposed one ({@code EXCLUDED}), both in schema order.
 *
 * @param arbiters the unique keys whose conflict the clause handles (all of them for a DO NOTHING
 *     without a target)
 * @param assignments for DO UPDATE, per table column the new value (null: kept); null for DO
 *     NOTHING
 * @param condition DO UPDATE's WHERE, or null
 */
public record BoundConflict(
    List<TableSchema.UniqueKey> arbiters, List<RexNode> assignments, RexNode condition) {

  public boolean doNothing() {
    return assignments == null;
  }
}
