package io.s3vector.sql;

/**
 * Pulls result rows one at a time, so a portal can stop after {@code maxRows} and resume later
 * (Execute with a row limit, PortalSuspended). Values are the Java classes of their
 * {@link io.s3vector.sql.types.PgType}.
 */
public interface RowCursor extends AutoCloseable {

  /** The next row, or null at the end. */
  Object[] next();

  @Override
  default void close() {}
}
