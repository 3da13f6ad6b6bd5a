package io.s3vector.sql;

/**
 * {@code COPY table [(columns)] FROM STDIN ...}: a statement whose data arrives in CopyData
 * messages. {@link SqlSession#prepare} returns one; instead of {@link SqlSession#execute}, the
 * protocol layer sends CopyInResponse ({@link #format()}, {@link #columnCount()}), then calls
 * {@link #start} and feeds the CopyData payloads to the returned {@link CopyIn}; CopyDone ends it
 * with CommandComplete {@code "COPY " + done()}.
 */
public interface CopyInStatement extends Statement {

  /** CopyInResponse's overall format: 0 for text and csv, 1 for binary. */
  int format();

  /** The number of columns copied (CopyInResponse lists each with {@link #format()}). */
  int columnCount();

  /**
   * Begins the copy in this session. Raises 25P02 in a failed transaction block. Rows are
   * appended in batches as they arrive (inside a transaction block: buffered until COMMIT).
   */
  CopyIn start(SqlSession session);
}
