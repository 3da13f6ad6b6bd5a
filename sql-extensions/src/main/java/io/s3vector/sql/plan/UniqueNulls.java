package io.s3vector.sql.plan;

import io.s3vector.sql.lex.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL 15's {@code UNIQUE NULLS [NOT] DISTINCT} of a constraint (CREATE TABLE, ALTER TABLE
 * ADD), taken out of the tokens before parsing, where the grammar has no room for it: the
 * constraints declared NULLS NOT DISTINCT are known by the offset of their UNIQUE token, which is
 * where the parser puts a UNIQUE constraint's position. CREATE INDEX's {@code (columns) NULLS
 * [NOT] DISTINCT} is read by {@link SecondaryIndexStatement} itself.
 *
 * @param tokens the statement's tokens without the clauses
 * @param notDistinct the offsets of the UNIQUE tokens followed by NULLS NOT DISTINCT
 */
record UniqueNulls(List<Token> tokens, Set<Integer> notDistinct) {

  static UniqueNulls of(List<Token> tokens) {
    List<Token> out = null;
    Set<Integer> notDistinct = new HashSet<>();
    for (int i = 1; i + 1 < tokens.size(); i++) {
      if (!tokens.get(i).isWord("nulls") || !tokens.get(i - 1).isWord("unique")) {
        continue;
      }
      int clause = tokens.get(i + 1).isWord("distinct") ? 2
          : tokens.get(i + 1).isWord("not") && i + 2 < tokens.size()
              && tokens.get(i + 2).isWord("distinct") ? 3 : 0;
      if (clause == 0) {
        continue;
      }
      if (clause == 3) {
        notDistinct.add(tokens.get(i - 1).start());
      }
      if (out == null) {
        out = new ArrayList<>(tokens);
      }
      int at = out.indexOf(tokens.get(i));
      out.subList(at, at + clause).clear();
    }
    return out == null ? new UniqueNulls(tokens, Set.of()) : new UniqueNulls(out, notDistinct);
  }
}
