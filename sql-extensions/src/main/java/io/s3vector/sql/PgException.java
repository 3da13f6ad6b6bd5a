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
  private final String context;

  public PgException(String sqlState, String message) {
    this(sqlState, message, null, null, 0, null);
  }

  public PgException(String sqlState, String message, Throwable cause) {
    this(sqlState, message, null, null, 0, cause);
  }

  public PgException(
      String sqlState, String message, String detail, String hint, int position, Throwable cause) {
    this(sqlState, message, detail, hint, position, null, cause);
  }

  private PgException(String sqlState, String message, String detail, String hint, int position,
      String context, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.detail = detail;
    this.hint = hint;
    this.position = position;
    this.context = context;
  }

  /** This error where it happened: PostgreSQL's CONTEXT (e.g. COPY's line); one more line below any already there. */
  public PgException withContext(String where) {
    return new PgException(sqlState, getMessage(), detail, hint, position,
        context == null ? where : context + "\n" + where, this);
  }

  /** This error with its position moved {@code offset} characters on. */
  public PgException shifted(int offset) {
    return new PgException(sqlState, getMessage(), detail, hint, position + offset, context, this);
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

  /** CONTEXT: where the error happened, innermost first, one per line; or null. */
  public String context() {
    return context;
  }

  /** 1-based character position in the statement text, or 0 when unknown. */
  public int position() {
    return position;
  }
}
