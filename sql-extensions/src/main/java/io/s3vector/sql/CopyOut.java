package io.s3vector.sql;

/**
 * One running {@code COPY ... TO STDOUT}: the protocol layer sends CopyOutResponse ({@link
 * #format()}, {@link #columnCount()}), then one CopyData per {@link #next()} holding {@code
 * bytes()[0, length())}, then CopyDone and CommandComplete {@code "COPY " + rows()}. Rows are
 * pulled from the query one at a time, so a large table streams. Errors are PgExceptions; {@link
 * #close()} releases the query's cursor however the copy ended. Not thread-safe.
 */
public interface CopyOut extends AutoCloseable {

  /** CopyOutResponse's overall format: 0 for text and csv, 1 for binary. */
  int format();

  /** The number of columns (CopyOutResponse gives each the overall format). */
  int columnCount();

  /** Makes the next CopyData payload; false when the copy is complete. */
  boolean next();

  /** The payload {@link #next()} made, valid until the next call. */
  byte[] bytes();

  /** The payload's length within {@link #bytes()}. */
  int length();

  /** The rows copied so far. */
  long rows();

  @Override
  void close();
}
