package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.session.StatementPlanner;
import java.util.List;

/** Parses with our Calcite parser, binds, plans and compiles one statement. */
public final class CalcitePlanner implements StatementPlanner {
  @Override
  public PlannedStatement plan(String sql, List<Token> tokens, int[] paramTypeOids, PgSession session) {
    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "not implemented yet");
  }
}
