package io.s3vector.sql;

/** One running COPY FROM STDIN. Not thread-safe; errors are PgExceptions (e.g. 22P02, 22P04). */
public interface CopyIn {

  /** A CopyData payload; rows may span payloads. */
  void data(byte[] payload);

  /** CopyDone: the last rows are parsed and stored; returns the number of rows copied. */
  long done();

  /**
   * CopyFail, or an error that ends the copy: forgets the rows not yet stored. Returns the error
   * to report for a CopyFail ({@code COPY from stdin failed: reason}, 57014).
   */
  PgException fail(String reason);
}
