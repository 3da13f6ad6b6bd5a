package io.s3vector.sql.copy;

import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PlannedStatement;
import java.util.List;

/** Plans a COPY statement: one parser for both directions, then FROM or TO. */
public final class CopyStatements {
  private CopyStatements() {}

  /**
   * @param queries plans the query of {@code COPY (query) TO} (or the SELECT a table's COPY TO
   *     becomes) exactly as the planner plans a statement of its own
   */
  public static PlannedStatement plan(String sql, List<Token> tokens, BindContext ctx,
      CopyToStatement.QueryPlanner queries) {
    CopyStatementParser.Parsed parsed = CopyStatementParser.parse(sql, tokens);
    return parsed.to()
        ? CopyToStatement.plan(sql, parsed, ctx, queries)
        : CopyFromStatement.plan(sql, parsed, ctx);
  }
}
