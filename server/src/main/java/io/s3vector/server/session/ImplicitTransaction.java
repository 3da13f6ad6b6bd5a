package io.s3vector.server.session;

import io.s3vector.sql.SqlSession;
import io.s3vector.sql.TransactionStatus;
import java.util.Locale;

/**
 * PostgreSQL runs the statements between two Syncs of the extended protocol (and the statements
 * of one simple Query) as one implicit transaction, committed at the Sync: the client counts
 * nothing as done before ReadyForQuery. We do the same for writes, so a pgjdbc batch of 1,000
 * INSERTs is one durable commit instead of 1,000, with PostgreSQL's all-or-nothing outcome.
 *
 * <p>The implicit block opens at the first INSERT outside a transaction block, or at an UPDATE,
 * DELETE or INSERT ... ON CONFLICT that more statements follow before the Sync (a batch), and spans the INSERTs, UPDATEs,
 * DELETEs and SELECTs that follow; any other statement (transaction control, DDL, COPY, SET) first
 * commits it and then runs on its own. An UPDATE, DELETE or upsert alone runs as its own write,
 * which re-runs on the newest rows when a concurrent commit conflicts with it (PostgreSQL's READ
 * COMMITTED re-check; ON CONFLICT then updates the row that took its key); in a batch a conflict fails the batch at the Sync (40001), since its
 * statements' results have gone out.
 */
final class ImplicitTransaction {
  /** ON CONFLICT (a mention inside a string literal only costs the batching of one INSERT). */

  private final SqlSession sql;
  private boolean open;
  /**
   * The last statement text looked at and whether it is an upsert: a prepared statement hands the
   * same String at every Execute, and searching a single-row INSERT's text (a vector literal of
   * a thousand characters) for ON CONFLICT was an eighth of its session's time.
   */
  private String lastText;
  private boolean lastUpsert;

  ImplicitTransaction(SqlSession sql) {
    this.sql = sql;
  }

  /**
   * Called before each statement runs; may open or commit the implicit block. {@code moreFollow}:
   * whether other statements come before the Sync (or in the same simple Query).
   */
  void beforeStatement(String statementText, boolean moreFollow) {
    String keyword = firstKeyword(statementText);
    // an upsert alone, like an UPDATE, is its own write: it looks again when another writer's row
    // took its key meanwhile, where a block could only fail at the commit with 23505
    boolean upsert = keyword.equals("insert") && isUpsert(statementText);
    boolean change = keyword.equals("update") || keyword.equals("delete") || upsert;
    boolean write = (keyword.equals("insert") && !upsert) || (change && (open || moreFollow));
    boolean read = keyword.equals("select") || keyword.equals("values") || keyword.equals("with");
    if (open && !write && !read) {
      commit();
    } else if (!open && write && sql.transactionStatus() == TransactionStatus.IDLE) {
      run("BEGIN");
      open = true;
    }
  }

  private boolean isUpsert(String statementText) {
    if (statementText != lastText) {
      lastUpsert = hasOnConflict(statementText);
      lastText = statementText;
    }
    return lastUpsert;
  }

  /**
   * Whether the text holds the words ON CONFLICT (any case, any white space between), in one
   * pass over its characters: a case-insensitive regular expression over an INSERT of a
   * 128-dimension vector was 7% of the statement's time.
   */
  static boolean hasOnConflict(String text) {
    int n = text.length();
    for (int i = 0; i + 1 < n; i++) {
      if ((text.charAt(i) | 0x20) != 'o' || (text.charAt(i + 1) | 0x20) != 'n'
          || (i > 0 && isWordChar(text.charAt(i - 1)))) {
        continue;
      }
      int j = i + 2;
      int spaces = j;
      while (j < n && Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      if (j > spaces && text.regionMatches(true, j, "conflict", 0, 8)
          && (j + 8 == n || !isWordChar(text.charAt(j + 8)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /**
   * At Sync or at the end of a simple Query: commits the block, or rolls it back when a
   * statement failed. A failing commit throws its PgException (reported before ReadyForQuery).
   */
  void end() {
    if (!open) {
      return;
    }
    if (sql.transactionStatus() == TransactionStatus.FAILED) {
      open = false;
      run("ROLLBACK");
    } else {
      commit();
    }
  }

  boolean isOpen() {
    return open;
  }

  private void commit() {
    open = false;
    run("COMMIT");
  }

  private void run(String command) {
    try {
      sql.execute(sql.prepare(command, new int[0]), new Object[0]);
    } finally {
      sql.drainNotices(); // our own BEGIN/COMMIT are invisible to the client
    }
  }

  /** The statement's first keyword, lower case, after white space, comments and '('. */
  static String firstKeyword(String text) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        while (i < n && text.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(text.charAt(i))) {
      i++;
    }
    return text.substring(start, i).toLowerCase(Locale.ROOT);
  }
}
