package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import java.util.List;

/**
 * PostgreSQL clauses this server does not run yet, refused by name (0A000) before parsing, where
 * the parser would only answer a syntax error that suggests the statement is wrong: generated
 * columns in CREATE TABLE and ALTER TABLE, and data-modifying statements in WITH.
 */
final class UnsupportedClauses {

  private UnsupportedClauses() {}

  static void refuse(List<Token> tokens) {
    Token first = tokens.get(0);
    if (first.isWord("create") || first.isWord("alter")) {
      for (int i = 0; i + 2 < tokens.size(); i++) {
        if (!tokens.get(i).isWord("generated")) {
          continue;
        }
        int as = tokens.get(i + 1).isWord("always") ? i + 2
            : tokens.get(i + 1).isWord("by") && tokens.get(i + 2).isWord("default") ? i + 3 : -1;
        if (as < 0 || as + 1 >= tokens.size() || !tokens.get(as).isWord("as")) {
          continue;
        }
        if (tokens.get(as + 1).isOp("(")) {
          throw refused("generated columns are not supported yet", tokens.get(i));
        }
      }
    }
    if (first.isWord("with")) {
      for (int i = 1; i + 1 < tokens.size(); i++) {
        Token next = tokens.get(i + 1);
        // a query's body: "name AS (", "AS [NOT] MATERIALIZED (" (a column may be named delete)
        boolean body = tokens.get(i - 1).isWord("as") || tokens.get(i - 1).isWord("materialized");
        if (body && tokens.get(i).isOp("(")
            && (next.isWord("insert") || next.isWord("update") || next.isWord("delete"))) {
          throw refused("data-modifying statements in WITH are not supported yet", next);
        }
      }
    }
  }

  private static PgException refused(String message, Token at) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED, message, null, null, at.start() + 1, null);
  }
}
