package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.types.PgType;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL's {@code PREPARE name [(type, ...)] AS statement} and {@code EXECUTE name [(value, ...)]}
 * over the session's {@link PreparedStatements} (DEALLOCATE is a utility statement). PREPARE plans
 * when it runs; EXECUTE looks its statement up when planned (its result columns are the
 * statement's), evaluates its values as casts to the parameters' types, and runs the statement
 * with them.
 */
final class SqlPreparedStatements {

  /** The statements PREPARE takes, as PostgreSQL's grammar (PreparableStmt). */
  private static final java.util.Set<String> PREPARABLE =
      java.util.Set.of("select", "insert", "update", "delete", "values", "with", "table");

  private SqlPreparedStatements() {}

  static PlannedStatement prepare(String sql, List<Token> tokens) {
    int i = 1;
    String name = name(sql, tokens, i++);
    List<String> typeNames = new ArrayList<>();
    List<Integer> typeStarts = new ArrayList<>();
    if (i < tokens.size() && tokens.get(i).isOp("(")) {
      int close = closing(sql, tokens, i);
      for (List<Token> type : arguments(sql, tokens, i, close)) {
        typeNames.add(sql.substring(type.get(0).start(), type.get(type.size() - 1).end()));
        typeStarts.add(type.get(0).start());
      }
      i = close + 1;
    }
    if (i >= tokens.size() || !tokens.get(i).isWord("as")) {
      throw syntaxError(sql, tokens, i);
    }
    i++;
    if (i >= tokens.size() || !PREPARABLE.contains(tokens.get(i).text())) {
      throw syntaxError(sql, tokens, i);
    }
    int start = tokens.get(i).start();
    String statement = sql.substring(start, tokens.get(tokens.size() - 1).end());
    return PlannedStatement.command(sql, "PREPARE", session -> {
      session.preparedStatements().checkFree(name);
      int[] oids = new int[typeNames.size()];
      for (int t = 0; t < oids.length; t++) {
        try {
          oids[t] = (int) io.s3vector.sql.functions.RegCasts.typeOid(typeNames.get(t));
        } catch (PgException e) {
          throw new PgException(e.sqlState(), e.getMessage(), e.detail(), e.hint(),
              typeStarts.get(t) + 1, e);
        }
      }
      io.s3vector.sql.Statement planned;
      try {
        planned = session.prepare(statement, oids);
      } catch (PgException e) {
        throw e.position() > 0 ? e.shifted(start) : e;
      }
      session.preparedStatements().add(new PreparedStatements.Named(name, sql, planned, true));
    });
  }

  static PlannedStatement execute(String sql, List<Token> tokens, PgSession session) {
    String name = name(sql, tokens, 1);
    PreparedStatements.Named target = session.preparedStatements().get(name);
    if (target == null) {
      throw PreparedStatements.doesNotExist(name);
    }
    List<List<Token>> values = List.of();
    int end = 2;
    if (tokens.size() > 2 && tokens.get(2).isOp("(")) {
      end = closing(sql, tokens, 2) + 1;
      values = arguments(sql, tokens, 2, end - 1);
    }
    if (end < tokens.size()) {
      throw syntaxError(sql, tokens, end);
    }
    List<PgType> types = target.parameterTypes();
    if (values.size() != types.size()) {
      throw new PgException(SqlState.SYNTAX_ERROR,
          "wrong number of parameters for prepared statement \"" + name + "\"",
          "Expected " + types.size() + " parameters but got " + values.size() + ".", null, 0, null);
    }
    // the values as one row of casts to the parameters' types (a literal takes its parameter's
    // input function, as PostgreSQL's coercion of EXECUTE's values does)
    StringBuilder select = new StringBuilder("SELECT ");
    int[][] places = new int[values.size()][]; // per value: where it is in the SELECT, in the text
    for (int v = 0; v < values.size(); v++) {
      List<Token> value = values.get(v);
      int from = value.get(0).start();
      int to = value.get(value.size() - 1).end();
      select.append(v == 0 ? "" : ", ").append("CAST(");
      places[v] = new int[] {select.length(), select.length() + to - from, from};
      select.append(sql, from, to).append(" AS ").append(types.get(v).displayName()).append(')');
    }
    io.s3vector.sql.Statement row = values.isEmpty() ? null
        : inText(places, () -> session.prepare(select.toString(), new int[0]));
    return new PlannedStatement(sql) {
      @Override
      public List<io.s3vector.sql.ResultColumn> resultColumns() {
        return target.resultColumns();
      }

      @Override
      public QueryResult execute(PgSession s, Object[] parameters) {
        PreparedStatements.Named now = s.preparedStatements().get(name);
        if (now != target) {
          // deallocated, or prepared anew (other parameter types) since this EXECUTE was planned:
          // planned again, as PostgreSQL's plan of it is invalidated
          return SqlPreparedStatements.execute(sql, tokens, s).execute(s, parameters);
        }
        if (now.isEmpty()) {
          return new QueryResult.Empty();
        }
        Object[] arguments = row == null ? new Object[0] : inText(places, () -> valuesOf(s, row));
        PlannedStatement statement = ((PlannedStatement) now.statement()).current();
        if (statement.isStale(s.database(), s.setting("search_path"))) {
          statement = s.planAgain((PlannedStatement) now.statement(), statement);
        }
        return statement.execute(s, arguments);
      }
    };
  }

  /** The one row of the values' SELECT. */
  private static Object[] valuesOf(PgSession session, io.s3vector.sql.Statement select) {
    QueryResult result = ((PlannedStatement) select).execute(session, new Object[0]);
    try (RowCursor cursor = ((QueryResult.Rows) result).cursor()) {
      return cursor.next();
    }
  }

  /**
   * A step of the values' SELECT, which is not the text the client sent: an error's position
   * inside a value moves to where that value is in the text; one elsewhere is dropped.
   */
  private static <T> T inText(int[][] places, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (PgException e) {
      if (e.position() == 0) {
        throw e;
      }
      int at = e.position() - 1;
      int position = 0;
      for (int[] place : places) {
        if (at >= place[0] && at < place[1]) {
          position = place[2] + (at - place[0]) + 1;
        }
      }
      throw new PgException(e.sqlState(), e.getMessage(), e.detail(), e.hint(), position, e);
    }
  }

  private static String name(String sql, List<Token> tokens, int i) {
    if (i >= tokens.size() || !tokens.get(i).isName()) {
      throw syntaxError(sql, tokens, i);
    }
    return tokens.get(i).text();
  }

  /** The comma-separated items between {@code open} and {@code close}; an empty one is an error. */
  private static List<List<Token>> arguments(String sql, List<Token> tokens, int open, int close) {
    List<List<Token>> items = io.s3vector.sql.lex.TokenLists.split(tokens, open + 1, close);
    for (List<Token> item : items) {
      if (item.isEmpty()) {
        throw syntaxError(sql, tokens, close);
      }
    }
    return items;
  }

  /** The ")" closing the "(" at {@code open}; a statement ending first is a syntax error. */
  private static int closing(String sql, List<Token> tokens, int open) {
    int close = io.s3vector.sql.lex.TokenLists.closing(tokens, open);
    if (close < 0) {
      throw syntaxError(sql, tokens, tokens.size());
    }
    return close;
  }

  private static PgException syntaxError(String sql, List<Token> tokens, int i) {
    if (i >= tokens.size()) {
      return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input");
    }
    Token t = tokens.get(i);
    return new PgException(SqlState.SYNTAX_ERROR,
        "syntax error at or near \"" + sql.substring(t.start(), t.end()) + "\"",
        null, null, t.start() + 1, null);
  }
}
