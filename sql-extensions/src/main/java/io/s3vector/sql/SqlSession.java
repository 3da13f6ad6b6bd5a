package io.s3vector.sql;

import java.util.List;
import java.util.Map;

/**
 * One client connection's SQL state: settings (SET/SHOW/RESET), the transaction block and its
 * pending writes. Not thread-safe: the protocol layer calls it from one thread at a time per
 * connection.
 */
public interface SqlSession extends AutoCloseable {

  /**
   * Splits a simple-query string into its statements, respecting quotes, dollar quotes and
   * comments; statements that are empty after trimming are dropped.
   */
  List<String> splitStatements(String sql);

  /**
   * Parses and plans one statement.
   *
   * @param paramTypeOids the parameter types from Parse (0 = let the server infer); may be
   *     shorter than the number of parameters
   */
  Statement prepare(String sql, int[] paramTypeOids);

  /** A statement with the parameter values to execute it with. */
  record Bound(Statement statement, Object[] parameters) {}

  /**
   * Prepares one statement of a simple query (no parameters of its own); the session may plan
   * it as a statement of the same shape with its constants as parameters, and reuse that plan.
   */
  default Bound prepareSimple(String sql) {
    return new Bound(prepare(sql, new int[0]), new Object[0]);
  }

  /**
   * Executes a prepared statement with parameter values already decoded to their Java classes
   * (null for SQL NULL). In a failed transaction block everything but ROLLBACK/COMMIT raises
   * 25P02.
   */
  QueryResult execute(Statement statement, Object[] parameters);

  TransactionStatus transactionStatus();

  /**
   * Called by the protocol layer when a statement failed: inside a transaction block the block
   * becomes FAILED.
   */
  void onError();

  /**
   * Settings the client should be told about (ParameterStatus) because a statement changed them
   * since the last call, e.g. {@code application_name} or {@code TimeZone}. Clears the list.
   */
  Map<String, String> drainChangedReportedSettings();

  /** The process id the server gave this session (its BackendKeyData), shown by progress views. */
  default void processId(int pid) {}

  /**
   * Notices and warnings raised by the last statements (send them as NoticeResponse before their
   * CommandComplete). Clears the list.
   */
  default List<Notice> drainNotices() {
    return List.of();
  }

  /** The session's prepared statements: the protocol's and SQL's PREPARE, in one namespace. */
  io.s3vector.sql.session.PreparedStatements preparedStatements();

  /** The current value of a setting, or null (used for ParameterStatus at startup). */
  String setting(String name);

  @Override
  void close();
}
