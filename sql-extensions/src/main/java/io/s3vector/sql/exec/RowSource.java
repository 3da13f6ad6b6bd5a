package io.s3vector.sql.exec;

/** A pull-based stream of rows. */
@FunctionalInterface
public interface RowSource {
  /** The next row, or null at the end. */
  Object[] next();
}
