package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenLists;
import java.util.ArrayList;
import java.util.List;

/**
 * UPDATE's (and ON CONFLICT DO UPDATE's) multiple-column SET items, which Calcite's UPDATE does
 * not parse, rewritten in the tokens to one item per column: {@code SET (a, b) = (x, y)} and
 * {@code = ROW(x, y)} become {@code SET a = x, b = y}; {@code SET (a, b) = (SELECT x, y FROM ...)}
 * becomes {@code SET a = (SELECT x FROM ...), b = (SELECT y FROM ...)}, the subquery run once
 * per column (the same rows, as long as it calls nothing volatile). Tokens keep their places in
 * the text, so errors still point into it.
 */
final class MultiColumnSet {

  private MultiColumnSet() {}

  /** The tokens with each multiple-column SET item written as single ones; the same list if none. */
  static List<Token> rewrite(List<Token> tokens) {
    List<Token> out = null;
    int copied = 0;
    // one pass: the SET list is at depth 0 from SET to FROM, WHERE or RETURNING (a statement of
    // thousands of VALUES rows is read once)
    int depth = 0;
    boolean inSet = false;
    for (int i = 1; i + 1 < tokens.size(); i++) {
      Token before = tokens.get(i - 1);
      if (before.isOp("(")) {
        depth++;
      } else if (before.isOp(")")) {
        depth--;
      } else if (depth == 0 && before.kind() == Token.Kind.WORD
          && !tokens.get(i - 2 < 0 ? 0 : i - 2).isOp(".")) { // t.from is a column
        if (before.isWord("set")) {
          inSet = true;
        } else if (before.isWord("from") || before.isWord("where") || before.isWord("returning")) {
          inSet = false;
        }
      }
      boolean itemStart = depth == 0 && inSet && (before.isWord("set") || before.isOp(","));
      if (!itemStart || !tokens.get(i).isOp("(")) {
        continue;
      }
      int close = TokenLists.closing(tokens, i);
      if (close < 0 || close + 2 >= tokens.size() || !tokens.get(close + 1).isOp("=")) {
        continue;
      }
      List<Token> columns = new ArrayList<>();
      for (int k = i + 1; k < close; k += 2) {
        if (!tokens.get(k).isName() || !(tokens.get(k + 1).isOp(",") || k + 1 == close)) {
          columns = null;
          break;
        }
        columns.add(tokens.get(k));
      }
      if (columns == null || columns.isEmpty()) {
        continue;
      }
      int valueStart = close + 2;
      if (tokens.get(valueStart).isWord("row") && valueStart + 1 < tokens.size()
          && tokens.get(valueStart + 1).isOp("(")) {
        valueStart++;
      }
      if (!tokens.get(valueStart).isOp("(")) {
        throw new PgException(SqlState.SYNTAX_ERROR,
            "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression",
            null, null, tokens.get(valueStart).start() + 1, null);
      }
      int valueEnd = TokenLists.closing(tokens, valueStart);
      if (valueEnd < 0) {
        continue;
      }
      Token open = tokens.get(valueStart);
      boolean subquery = tokens.get(valueStart + 1).isWord("select");
      int listEnd = subquery ? fromIndex(tokens, valueStart + 1, valueEnd) : valueEnd;
      List<List<Token>> values = TokenLists.split(tokens, valueStart + (subquery ? 2 : 1), listEnd);
      checkCount(columns.size(), values.size(), open);
      List<Token> rewritten = new ArrayList<>();
      for (int c = 0; c < columns.size(); c++) {
        if (c > 0) {
          rewritten.add(new Token(Token.Kind.OP, open.start(), open.start(), ","));
        }
        rewritten.add(columns.get(c));
        rewritten.add(tokens.get(close + 1)); // =
        if (subquery) { // (SELECT value FROM ...): the subquery with this column's value only
          rewritten.add(open);
          rewritten.add(tokens.get(valueStart + 1));
          rewritten.addAll(values.get(c));
          rewritten.addAll(tokens.subList(listEnd, valueEnd + 1));
        } else {
          rewritten.addAll(values.get(c));
        }
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      out.addAll(tokens.subList(copied, i));
      out.addAll(rewritten);
      copied = valueEnd + 1;
      i = valueEnd;
      depth = 1; // the ")" that ends the value, read as the next token's predecessor, closes it
    }
    if (out == null) {
      return tokens;
    }
    out.addAll(tokens.subList(copied, tokens.size()));
    return out;
  }

  private static void checkCount(int columns, int values, Token at) {
    if (columns != values) {
      throw new PgException(SqlState.SYNTAX_ERROR, "number of columns does not match number of values",
          null, null, at.start() + 1, null);
    }
  }

  /** Where the subquery's select list ends (its FROM, or what follows the list), at depth 0. */
  private static int fromIndex(List<Token> tokens, int select, int end) {
    int depth = 0;
    for (int i = select + 1; i < end; i++) {
      Token t = tokens.get(i);
      if (t.isOp("(")) {
        depth++;
      } else if (t.isOp(")")) {
        depth--;
      } else if (depth == 0 && (t.isWord("from") && !tokens.get(i - 1).isWord("distinct")
          || t.isWord("where") || t.isWord("group") || t.isWord("having") || t.isWord("order")
          || t.isWord("limit") || t.isWord("offset") || t.isWord("union")
          || t.isWord("intersect") || t.isWord("except"))) {
        return i;
      }
    }
    return end;
  }

}
