package io.s3vector.sql.lex;

import java.util.ArrayList;
import java.util.List;

/** Parentheses and comma-separated lists in a statement's tokens. */
public final class TokenLists {

  private TokenLists() {}

  /** The index of the ")" closing the "(" at {@code open}, or -1. */
  public static int closing(List<Token> tokens, int open) {
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

  /**
   * The comma-separated items of tokens {@code [from, to)}, commas inside parentheses and
   * brackets not counting; an empty item is an empty list.
   */
  public static List<List<Token>> split(List<Token> tokens, int from, int to) {
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
}
