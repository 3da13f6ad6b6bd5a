package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;

/**
 * A primary key being added to a table (ALTER TABLE ... ADD PRIMARY KEY) over a column that a live
 * row holds NULL in: PostgreSQL's 23502 {@code column "x" of relation "t" contains null values}.
 * Nothing changed.
 */
public final class NullKeyException extends StorageException {
  private final String column;
  private final String table;

  public NullKeyException(String column, String table) {
    super("column \"" + column + "\" of relation \"" + table + "\" contains null values");
    this.column = column;
    this.table = table;
  }

  public String column() {
    return column;
  }

  public String table() {
    return table;
  }
}
