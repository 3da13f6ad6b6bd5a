package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenLists;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sequence options of identity columns ({@code GENERATED ... AS IDENTITY (START WITH 10)}),
 * read from the tokens and taken out of them before parsing. The sequences here count up by one
 * from their start to their type's maximum without cycling, so START WITH is kept and options
 * that say the same (INCREMENT BY 1, MINVALUE 1, NO MINVALUE, NO MAXVALUE, NO CYCLE, CACHE n) are
 * accepted; the others answer 0A000.
 *
 * @param tokens the statement's tokens without the options
 * @param starts START WITH by the offset of its column's GENERATED token
 */
record IdentityOptions(List<Token> tokens, Map<Integer, Long> starts) {

  static IdentityOptions of(List<Token> tokens) {
    List<Token> out = null;
    Map<Integer, Long> starts = new HashMap<>();
    int copied = 0;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      if (!tokens.get(i).isWord("identity") || !tokens.get(i + 1).isOp("(")
          || i < 3 || !tokens.get(i - 1).isWord("as")) {
        continue;
      }
      int generated = i - 3;
      while (generated >= 0 && !tokens.get(generated).isWord("generated")) {
        generated--;
      }
      int close = TokenLists.closing(tokens, i + 1);
      if (generated < 0 || close < 0) {
        continue;
      }
      Long start = start(tokens.subList(i + 2, close));
      if (start != null) {
        starts.put(tokens.get(generated).start(), start);
      }
      if (out == null) {
        out = new ArrayList<>();
      }
      out.addAll(tokens.subList(copied, i + 1));
      copied = close + 1;
      i = close;
    }
    if (out == null) {
      return new IdentityOptions(tokens, Map.of());
    }
    out.addAll(tokens.subList(copied, tokens.size()));
    return new IdentityOptions(out, starts);
  }

  /** START WITH of the options, or null; refuses the options this server has no sequences for. */
  static Long start(List<Token> options) {
    Long start = null;
    for (int i = 0; i < options.size(); i++) {
      Token t = options.get(i);
      String word = t.text().toUpperCase(Locale.ROOT);
      if (t.isWord("start") || t.isWord("increment") || t.isWord("minvalue") || t.isWord("cache")) {
        if (i + 1 < options.size() && (options.get(i + 1).isWord("with") || options.get(i + 1).isWord("by"))) {
          i++;
        }
        boolean negative = i + 1 < options.size() && options.get(i + 1).isOp("-");
        if (negative || i + 1 < options.size() && options.get(i + 1).isOp("+")) {
          i++;
        }
        if (i + 1 >= options.size() || options.get(i + 1).kind() != Token.Kind.NUMBER) {
          throw syntaxError(i + 1 < options.size() ? options.get(i + 1) : t);
        }
        long value = Long.parseLong(options.get(++i).text()) * (negative ? -1 : 1);
        if (t.isWord("start")) {
          if (value < 1) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "START value (" + value + ") cannot be less than MINVALUE (1)");
          }
          start = value;
        } else if (!t.isWord("cache") && value != 1) {
          throw unsupported(word + " " + value, t);
        }
      } else if (t.isWord("no") && i + 1 < options.size() && (options.get(i + 1).isWord("minvalue")
          || options.get(i + 1).isWord("maxvalue") || options.get(i + 1).isWord("cycle"))) {
        i++;
      } else {
        throw unsupported(word, t);
      }
    }
    return start;
  }

  private static PgException unsupported(String option, Token at) {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED,
        "identity columns with the sequence option " + option + " are not supported yet",
        null, null, at.start() + 1, null);
  }

  private static PgException syntaxError(Token at) {
    return new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + at.text() + "\"",
        null, null, at.start() + 1, null);
  }
}
