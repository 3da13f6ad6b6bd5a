package io.s3vector.sql.session;

import io.s3vector.sql.lex.Token;
import java.util.List;

/** Parses, binds and plans a statement that is not a utility statement. */
public interface StatementPlanner {

  /**
   * @param tokens the statement's tokens without a trailing ';'
   * @param paramTypeOids parameter types from Parse (0 = infer)
   */
  PlannedStatement plan(String sql, List<Token> tokens, int[] paramTypeOids, PgSession session);
}
