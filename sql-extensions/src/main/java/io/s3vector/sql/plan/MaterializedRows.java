package io.s3vector.sql.plan;

import java.util.List;

/**
 * The rows a WITH query run before its statement returned ({@link WithStatement}), which the
 * statement's {@link WorkTableScan}s of it read. Set at each execution, by the session's thread.
 */
public final class MaterializedRows {
  private List<Object[]> rows = List.of();

  public List<Object[]> rows() {
    return rows;
  }

  void set(List<Object[]> next) {
    rows = next;
  }
}
