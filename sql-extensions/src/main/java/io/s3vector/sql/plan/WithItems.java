package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenLists;
import java.util.ArrayList;
import java.util.List;

/**
 * A statement's top-level WITH list read from its tokens, for the statements Calcite's WITH does
 * not take: a WITH query that is an INSERT, UPDATE or DELETE, or a WITH before one of them ({@link
 * WithStatement}). Each query's body is planned as a statement of its own.
 *
 * @param recursive WITH RECURSIVE
 * @param items the WITH queries in order
 * @param main the tokens of the statement after the list
 */
record WithItems(boolean recursive, List<Item> items, List<Token> main) {

  /**
   * One WITH query.
   *
   * @param name its name
   * @param aliases its column names as written ({@code name (a, b) AS ...}), or empty
   * @param body the tokens between its parentheses
   * @param dml whether the body is an INSERT, UPDATE or DELETE
   */
  record Item(String name, List<String> aliases, List<Token> body, boolean dml) {}

  /** The WITH list of a statement that needs it (see the class comment), else null. */
  static WithItems of(List<Token> tokens) {
    if (tokens.isEmpty() || !tokens.get(0).isWord("with")) {
      return null;
    }
    int i = 1;
    boolean recursive = false;
    if (i < tokens.size() && tokens.get(i).isWord("recursive")) {
      recursive = true;
      i++;
    }
    List<Item> items = new ArrayList<>();
    while (true) {
      if (i >= tokens.size() || !tokens.get(i).isName()) {
        return null; // not a WITH list this reader knows: the parser says what is wrong
      }
      String name = tokens.get(i++).text();
      List<String> aliases = new ArrayList<>();
      if (i < tokens.size() && tokens.get(i).isOp("(")) {
        int close = TokenLists.closing(tokens, i);
        if (close < 0) {
          return null;
        }
        for (int j = i + 1; j < close; j++) {
          if (tokens.get(j).isName()) {
            aliases.add(tokens.get(j).text());
          }
        }
        i = close + 1;
      }
      if (i >= tokens.size() || !tokens.get(i).isWord("as")) {
        return null;
      }
      i++;
      if (i < tokens.size() && tokens.get(i).isWord("not")) {
        i++;
      }
      if (i < tokens.size() && tokens.get(i).isWord("materialized")) {
        i++;
      }
      if (i >= tokens.size() || !tokens.get(i).isOp("(")) {
        return null;
      }
      int close = TokenLists.closing(tokens, i);
      if (close < 0 || close == i + 1) {
        return null;
      }
      List<Token> body = tokens.subList(i + 1, close);
      Token first = body.get(0);
      boolean dml = first.isWord("insert") || first.isWord("update") || first.isWord("delete");
      items.add(new Item(name, List.copyOf(aliases), body, dml));
      i = close + 1;
      if (i < tokens.size() && tokens.get(i).isOp(",")) {
        i++;
        continue;
      }
      break;
    }
    if (i >= tokens.size()) {
      return null;
    }
    List<Token> main = tokens.subList(i, tokens.size());
    Token verb = main.get(0);
    boolean mainDml = verb.isWord("insert") || verb.isWord("update") || verb.isWord("delete");
    if (!mainDml && items.stream().noneMatch(Item::dml)) {
      return null; // a query's WITH: Calcite's
    }
    for (Item item : items) {
      if (recursive && !item.dml() && mentions(item.body(), item.name())) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a recursive WITH query beside a"
            + " data-modifying statement is not supported yet", null, null,
            item.body().get(0).start() + 1, null);
      }
    }
    return new WithItems(recursive, items, main);
  }

  /** Whether a name appears among the tokens (as a relation may be named). */
  static boolean mentions(List<Token> tokens, String name) {
    for (Token t : tokens) {
      if (t.isName() && t.text().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Where a later query or the main statement names the item at {@code index}, or null. */
  Token reference(int index) {
    String name = items.get(index).name();
    for (int j = index + 1; j <= items.size(); j++) {
      List<Token> tokens = j < items.size() ? items.get(j).body() : main;
      for (Token t : tokens) {
        if (t.isName() && t.text().equals(name)) {
          return t;
        }
      }
    }
    return null;
  }
}
