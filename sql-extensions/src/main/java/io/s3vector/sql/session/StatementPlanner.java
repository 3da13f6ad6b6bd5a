package io.s3vector.sql.session;

import io.s3vector.sql.lex.Token;
import java.util.List;
import java.util.Map;

/** Parses, binds and plans a statement that is not a utility statement. */
public interface StatementPlanner {

  /**
   * @param tokens the statement's tokens without a trailing ';'
   * @param paramTypeOids parameter types from Parse (0 = infer)
   * @param dependencies receives the version of every stored table the plan reads or writes, so
   *     the session can plan again when one changes
   */
  PlannedStatement plan(String sql, List<Token> tokens, int[] paramTypeOids, PgSession session,
      Map<String, TableVersion> dependencies);
}
