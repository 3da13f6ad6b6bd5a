package io.s3vector.sql.plan;

import io.s3vector.sql.bind.InsertBinder.Overriding;
import io.s3vector.sql.lex.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * INSERT's {@code OVERRIDING SYSTEM VALUE | USER VALUE}, between the target (and its column list)
 * and the rows: found in the tokens and taken out of them before parsing, since Calcite's INSERT
 * has no such clause.
 */
final class OverridingClause {

  private OverridingClause() {}

  /** The clause of an INSERT's tokens, or {@link Overriding#NONE}. */
  static Overriding of(List<Token> tokens) {
    int at = at(tokens);
    if (at < 0) {
      return Overriding.NONE;
    }
    return tokens.get(at + 1).isWord("system") ? Overriding.SYSTEM_VALUE : Overriding.USER_VALUE;
  }

  /** The tokens without the clause. */
  static List<Token> without(List<Token> tokens) {
    int at = at(tokens);
    List<Token> rest = new ArrayList<>(tokens);
    rest.subList(at, at + 3).clear();
    return rest;
  }

  /**
   * Where {@code OVERRIDING} is, outside parentheses and after {@code INSERT INTO table}, or -1
   * (a table or a column may be named overriding).
   */
  private static int at(List<Token> tokens) {
    int depth = 0;
    for (int i = 3; i + 2 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("(")) {
        depth++;
      } else if (t.isOp(")")) {
        depth--;
      } else if (depth == 0 && t.isWord("overriding")
          && (tokens.get(i + 1).isWord("system") || tokens.get(i + 1).isWord("user"))
          && tokens.get(i + 2).isWord("value")) {
        return i;
      } else if (depth == 0 && (t.isWord("values") || t.isWord("select") || t.isWord("default"))) {
        return -1;
      }
    }
    return -1;
  }
}
