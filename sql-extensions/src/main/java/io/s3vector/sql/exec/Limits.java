package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;

/** LIMIT and OFFSET values with PostgreSQL's checks. */
final class Limits {
  private Limits() {}

  /** LIMIT: absent or NULL means no limit. */
  static long fetch(Expr fetch, ExecContext ctx) {
    Object v = fetch == null ? null : fetch.eval(null, ctx);
    if (v == null) {
      return Long.MAX_VALUE;
    }
    long n = ((Number) v).longValue();
    if (n < 0) {
      throw new PgException("2201W", "LIMIT must not be negative");
    }
    return n;
  }

  static long offset(Expr offset, ExecContext ctx) {
    Object v = offset == null ? null : offset.eval(null, ctx);
    if (v == null) {
      return 0;
    }
    long n = ((Number) v).longValue();
    if (n < 0) {
      throw new PgException("2201X", "OFFSET must not be negative");
    }
    return n;
  }

  /** offset + k rows, what a top-k keeps: saturating, as k is Long.MAX_VALUE for no LIMIT. */
  static long kept(long k, long skip) {
    return k > Long.MAX_VALUE - skip ? Long.MAX_VALUE : k + skip;
  }
}
