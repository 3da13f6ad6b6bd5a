package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
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
    for (int i = 1; i + 1 < tokens.size(); i++) {
      Token before = tokens.get(i - 1);
      boolean itemStart = before.isWord("set") || before.isOp(",") && inSetList(tokens, i - 1);
      if (!itemStart || !tokens.get(i).isOp("(")) {
        continue;
      }
      int close = closing(tokens, i);
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
      int valueEnd = closing(tokens, valueStart);
      if (valueEnd < 0) {
        continue;
      }
      List<Token> rewritten = new ArrayList<>();
      Token open = tokens.get(valueStart);
      if (tokens.get(valueStart + 1).isWord("select")) {
        List<List<Token>> items = selectItems(tokens, valueStart + 1, valueEnd);
        checkCount(columns.size(), items.size(), open);
        int restFrom = fromIndex(tokens, valueStart + 1, valueEnd);
        for (int c = 0; c < columns.size(); c++) {
          if (c > 0) {
            rewritten.add(comma(open));
          }
          rewritten.add(columns.get(c));
          rewritten.add(new Token(Token.Kind.OP, tokens.get(close + 1).start(),
              tokens.get(close + 1).end(), "="));
          rewritten.add(open);
          rewritten.add(tokens.get(valueStart + 1));
          rewritten.addAll(items.get(c));
          rewritten.addAll(tokens.subList(restFrom, valueEnd + 1));
        }
      } else {
        List<List<Token>> values = split(tokens, valueStart + 1, valueEnd);
        checkCount(columns.size(), values.size(), open);
        for (int c = 0; c < columns.size(); c++) {
          if (c > 0) {
            rewritten.add(comma(open));
          }
          rewritten.add(columns.get(c));
          rewritten.add(new Token(Token.Kind.OP, tokens.get(close + 1).start(),
              tokens.get(close + 1).end(), "="));
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

  private static Token comma(Token at) {
    return new Token(Token.Kind.OP, at.start(), at.start(), ",");
  }

  /** Whether the comma at {@code i} separates SET items (the last clause word before it is SET). */
  private static boolean inSetList(List<Token> tokens, int i) {
    int depth = 0;
    for (int j = i - 1; j >= 0; j--) {
      Token t = tokens.get(j);
      if (t.isOp(")")) {
        depth++;
      } else if (t.isOp("(")) {
        if (depth-- == 0) {
          return false;
        }
      } else if (depth == 0 && t.kind() == Token.Kind.WORD
          && (t.isWord("set") || t.isWord("from") || t.isWord("where") || t.isWord("select")
              || t.isWord("values") || t.isWord("returning"))) {
        return t.isWord("set");
      }
    }
    return false;
  }

  private static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).isOp("(")) {
        depth++;
      } else if (tokens.get(i).isOp(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The comma-separated items of tokens {@code (from, to)} at depth 0. */
  private static List<List<Token>> split(List<Token> tokens, int from, int to) {
    List<List<Token>> out = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    int depth = 0;
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (t.isOp("(") || t.isOp("[")) {
        depth++;
      } else if (t.isOp(")") || t.isOp("]")) {
        depth--;
      } else if (depth == 0 && t.isOp(",")) {
        out.add(current);
        current = new ArrayList<>();
        continue;
      }
      current.add(t);
    }
    out.add(current);
    return out;
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

  /** The select list of the subquery whose SELECT is at {@code select}. */
  private static List<List<Token>> selectItems(List<Token> tokens, int select, int end) {
    return split(tokens, select + 1, fromIndex(tokens, select, end));
  }
}
