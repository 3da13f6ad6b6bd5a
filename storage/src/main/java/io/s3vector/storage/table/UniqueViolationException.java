package io.s3vector.storage.table;

import io.s3vector.storage.StorageException;
import java.util.List;

/**
 * A write would make two live rows share a unique key (PostgreSQL's 23505 {@code duplicate key
 * value violates unique constraint}). Nothing of the write took effect.
 */
public class UniqueViolationException extends StorageException {
  private final String constraint;
  private final List<String> columns;
  private final Object[] key;

  public UniqueViolationException(String constraint, List<String> columns, Object[] key) {
    super("duplicate key value violates unique constraint \"" + constraint + "\"");
    this.constraint = constraint;
    this.columns = List.copyOf(columns);
    this.key = key.clone();
  }

  public String constraint() {
    return constraint;
  }

  public List<String> columns() {
    return columns;
  }

  /** The key's values, as the columns' Java classes. */
  public Object[] key() {
    return key.clone();
  }
}
