package io.s3vector.sql;

/**
 * The one error type of the SQL layer: a PostgreSQL SQLSTATE and a message in PostgreSQL's words
 * (lower case, no trailing period, values quoted). The protocol layer turns it into an
 * ErrorResponse; the session stays usable.
 */
public class PgException extends RuntimeException {
  private final String sqlState;
  private final String detail;
  private final String hint;
  private final int position;

  public PgException(String sqlState, String message) {
    this(sqlState, message, null, null, 0, null);
  }

  public PgException(String sqlState, String message, Throwable cause) {
    this(sqlState, message, null, null, 0, cause);
  }

  public PgException(
      String sqlState, String message, String detail, String hint, int position, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.detail = detail;
    this.hint = hint;
    this.position = position;
  }

  /** The five-character SQLSTATE, one of {@link SqlState}'s constants. */
  public String sqlState() {
    return sqlState;
  }

  /** DETAIL, or null. */
  public String detail() {
    return detail;
  }

  /** HINT, or null. */
  public String hint() {
    return hint;
  }

  /** 1-based character position in the statement text, or 0 when unknown. */
  public int position() {
    return position;
  }
}
