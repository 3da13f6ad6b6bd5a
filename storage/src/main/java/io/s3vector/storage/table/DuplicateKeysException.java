package io.s3vector.storage.table;

import java.util.List;

/**
 * A unique key being added to a table (CREATE UNIQUE INDEX) that two of its live rows share:
 * PostgreSQL's 23505 {@code could not create unique index}. Nothing changed.
 */
public final class DuplicateKeysException extends UniqueViolationException {

  public DuplicateKeysException(String index, List<String> columns, Object[] key) {
    super(index, columns, key);
  }

  @Override
  public String getMessage() {
    return "could not create unique index \"" + constraint() + "\"";
  }
}
