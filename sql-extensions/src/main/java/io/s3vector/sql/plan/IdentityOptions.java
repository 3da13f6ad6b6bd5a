package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenLists;
import io.s3vector.sql.session.SequenceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sequence options of identity columns ({@code GENERATED ... AS IDENTITY (START WITH 10
 * INCREMENT BY 5 ...)}), read from the tokens and taken out of them before parsing (Calcite's
 * grammar has none); the column's type resolves them later ({@code ColumnSequences.created}).
 *
 * @param tokens the statement's tokens without the options
 * @param options the options as written by the offset of their column's GENERATED token
 */
record IdentityOptions(List<Token> tokens, Map<Integer, SequenceOptions> options) {

  static IdentityOptions of(String sql, List<Token> tokens) {
    List<Token> out = null;
    Map<Integer, SequenceOptions> options = new HashMap<>();
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
      options.put(tokens.get(generated).start(), read(sql, tokens.subList(i + 2, close)));
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
    return new IdentityOptions(out, options);
  }

  /**
   * The options between an identity's parentheses, as CREATE SEQUENCE reads its own; SEQUENCE
   * NAME (which {@code IdentityColumnStatement} takes out when it names the column's sequence)
   * is 0A000.
   */
  static SequenceOptions read(String sql, List<Token> options) {
    for (int i = 0; i + 1 < options.size(); i++) {
      if (options.get(i).isWord("sequence") && options.get(i + 1).isWord("name")) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "identity columns with the sequence option SEQUENCE NAME are not supported yet",
            null, null, options.get(i).start() + 1, null);
      }
    }
    return SequenceOptions.read(sql, options, false);
  }
}
