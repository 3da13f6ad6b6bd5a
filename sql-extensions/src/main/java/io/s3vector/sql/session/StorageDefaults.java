package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;

/**
 * The checks PostgreSQL's hooks make on {@code default_tablespace} and {@code
 * default_table_access_method}, which pg_dump sets before its CREATE TABLEs. Tables here have one
 * storage and no tablespaces, so only the values that mean what we do are taken: the default
 * tablespace ('' or pg_default) and the heap access method. Names PostgreSQL does not know are
 * refused with its errors; pg_global, which PostgreSQL knows but would refuse tables in, is 0A000.
 */
final class StorageDefaults {
  private StorageDefaults() {}

  /** default_tablespace = value: '' (the database's) or pg_default. */
  static String tablespace(String value) {
    if (value.isEmpty() || value.equals("pg_default")) {
      return value;
    }
    if (value.equals("pg_global")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "default_tablespace \"pg_global\" is not supported yet: tables are stored in pg_default");
    }
    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
        "invalid value for parameter \"default_tablespace\": \"" + value + "\"",
        "Tablespace \"" + value + "\" does not exist.", null, 0, null);
  }

  /** default_table_access_method = value: heap, the only table access method. */
  static String tableAccessMethod(String value) {
    io.s3vector.sql.catalog.AccessMethods.AccessMethod method =
        io.s3vector.sql.catalog.AccessMethods.named(value);
    if (method != null && method.table()) {
      return value;
    }
    if (value.isEmpty()) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "invalid value for parameter \"default_table_access_method\": \"\"",
          "default_table_access_method cannot be empty.", null, 0, null);
    }
    if (method != null) {
      throw new PgException("55000", // object_not_in_prerequisite_state
          "access method \"" + value + "\" is not of type TABLE");
    }
    throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
        "invalid value for parameter \"default_table_access_method\": \"" + value + "\"",
        "Table access method \"" + value + "\" does not exist.", null, 0, null);
  }
}
