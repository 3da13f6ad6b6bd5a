package io.s3vector.sql.plan;

import org.apache.calcite.rex.RexNode;

/**
 * A sort key after the distance in {@code ORDER BY embedding <-> $1, id DESC LIMIT k}: an
 * expression over the table's row, its direction and where its NULLs go. It orders the rows tied
 * on the distance, as PostgreSQL's sort does, so it decides which of the rows tied at the k-th
 * distance are returned.
 */
public record LaterKey(RexNode expr, boolean descending, boolean nullsFirst) {

  /** As EXPLAIN shows it: {@code $0}, {@code $0 DESC}, {@code $1 NULLS FIRST}. */
  @Override
  public String toString() {
    String s = expr + (descending ? " DESC" : "");
    if (nullsFirst != descending) {
      s += nullsFirst ? " NULLS FIRST" : " NULLS LAST";
    }
    return s;
  }
}
