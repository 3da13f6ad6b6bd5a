package io.s3vector.sql;

/** The SQLSTATE codes we raise, named as in PostgreSQL's errcodes.txt. */
public final class SqlState {
  public static final String SUCCESSFUL_COMPLETION = "00000";
  public static final String FEATURE_NOT_SUPPORTED = "0A000";
  public static final String DATA_EXCEPTION = "22000";
  public static final String SEQUENCE_GENERATOR_LIMIT_EXCEEDED = "2200H";
  public static final String STRING_DATA_RIGHT_TRUNCATION = "22001";
  public static final String NUMERIC_VALUE_OUT_OF_RANGE = "22003";
  public static final String NULL_VALUE_NOT_ALLOWED = "22004";
  public static final String INVALID_DATETIME_FORMAT = "22007";
  public static final String DATETIME_FIELD_OVERFLOW = "22008";
  public static final String DIVISION_BY_ZERO = "22012";
  public static final String INVALID_PARAMETER_VALUE = "22023";
  public static final String INVALID_SCHEMA_NAME = "3F000";
  public static final String INVALID_TEXT_REPRESENTATION = "22P02";
  public static final String INVALID_BINARY_REPRESENTATION = "22P03";
  public static final String NOT_NULL_VIOLATION = "23502";
  public static final String CHECK_VIOLATION = "23514";
  public static final String UNIQUE_VIOLATION = "23505";
  public static final String FOREIGN_KEY_VIOLATION = "23503";
  public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
  public static final String ACTIVE_SQL_TRANSACTION = "25001";
  public static final String CARDINALITY_VIOLATION = "21000";
  public static final String SERIALIZATION_FAILURE = "40001";
  public static final String NO_ACTIVE_SQL_TRANSACTION = "25P01";
  public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
  public static final String INVALID_SQL_STATEMENT_NAME = "26000";
  public static final String INVALID_CURSOR_NAME = "34000";
  public static final String INVALID_PASSWORD = "28P01";
  public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
  public static final String SYNTAX_ERROR = "42601";
  public static final String UNDEFINED_COLUMN = "42703";
  public static final String UNDEFINED_FUNCTION = "42883";
  public static final String UNDEFINED_TABLE = "42P01";
  public static final String UNDEFINED_OBJECT = "42704";
  public static final String UNDEFINED_PARAMETER = "42P02";
  public static final String DUPLICATE_TABLE = "42P07";
  public static final String DUPLICATE_OBJECT = "42710";
  public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
  public static final String AMBIGUOUS_COLUMN = "42702";
  public static final String DATATYPE_MISMATCH = "42804";
  public static final String GROUPING_ERROR = "42803";
  public static final String INVALID_COLUMN_REFERENCE = "42P10";
  public static final String CANNOT_COERCE = "42846";
  public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
  public static final String QUERY_CANCELED = "57014";
  public static final String PROTOCOL_VIOLATION = "08P01";
  public static final String IO_ERROR = "58030";
  public static final String SNAPSHOT_TOO_OLD = "72000";
  public static final String INTERNAL_ERROR = "XX000";

  private SqlState() {}
}
