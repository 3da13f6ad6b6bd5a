package io.s3vector.sql.plan;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.SearchPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name} read from the tokens, for the ALTER TABLE actions
 * taken alone before Calcite's parser ({@link DropConstraintStatement}, {@link
 * IdentityColumnStatement}).
 *
 * @param ifExists IF EXISTS was written
 * @param table the name's parts
 * @param next the index of the first token after the name
 */
record AlterTableHead(boolean ifExists, List<String> table, int next) {

  /** The head of the statement, or null when it is not an ALTER TABLE. */
  static AlterTableHead of(List<Token> tokens) {
    int i = 0;
    if (!word(tokens, i++, "alter") || !word(tokens, i++, "table")) {
      return null;
    }
    boolean ifExists = word(tokens, i, "if") && word(tokens, i + 1, "exists");
    i += ifExists ? 2 : 0;
    i += word(tokens, i, "only") ? 1 : 0;
    List<String> table = new ArrayList<>();
    while (i < tokens.size() && tokens.get(i).isName()) {
      table.add(tokens.get(i++).text());
      if (i < tokens.size() && tokens.get(i).isOp(".")) {
        i++;
      } else {
        break;
      }
    }
    return table.isEmpty() ? null : new AlterTableHead(ifExists, List.copyOf(table), i);
  }

  /**
   * The table's storage name; empty, with PostgreSQL's notice, when there is none and IF EXISTS
   * was written, else 42P01.
   */
  Optional<String> find(PgSession s) {
    Optional<String> storage = SearchPath.storageNameOf(s, table);
    if (storage.isEmpty()) {
      String written = String.join(".", table);
      if (!ifExists) {
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + written + "\" does not exist");
      }
      s.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
          "relation \"" + written + "\" does not exist, skipping"));
    }
    return storage;
  }

  /** The table's own name, as messages show it. */
  String shown() {
    return table.get(table.size() - 1);
  }

  static boolean word(List<Token> tokens, int i, String word) {
    return i < tokens.size() && tokens.get(i).isWord(word);
  }
}
