package io.s3vector.sql.plan;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * EXPLAIN [ANALYZE]: the optimised plan as text, one line per row in a "QUERY PLAN" column. With
 * ANALYZE the query runs and the row count and time are added.
 */
public final class ExplainStatement extends PlannedStatement {
  private static final List<ResultColumn> COLUMNS = List.of(ResultColumn.of("QUERY PLAN", PgTypes.TEXT));

  private final SelectStatement query;
  private final boolean analyze;

  public ExplainStatement(String sql, SelectStatement query, boolean analyze) {
    super(sql);
    this.query = query;
    this.analyze = analyze;
  }

  @Override
  public List<PgType> parameterTypes() {
    return query.parameterTypes();
  }

  @Override
  public List<ResultColumn> resultColumns() {
    return COLUMNS;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    List<Object[]> lines = new ArrayList<>();
    for (String line : query.explain().split("\n")) {
      if (!line.isBlank()) {
        lines.add(new Object[] {line});
      }
    }
    if (analyze) {
      long start = System.nanoTime();
      long rows = 0;
      QueryResult.Rows result = (QueryResult.Rows) query.execute(session, parameters);
      while (result.cursor().next() != null) {
        rows++;
      }
      double ms = (System.nanoTime() - start) / 1e6;
      lines.add(new Object[] {"Rows: " + rows});
      lines.add(new Object[] {String.format(java.util.Locale.ROOT, "Execution Time: %.3f ms", ms)});
    }
    Iterator<Object[]> it = lines.iterator();
    RowCursor cursor = () -> it.hasNext() ? it.next() : null;
    return new QueryResult.Rows(COLUMNS, cursor, "EXPLAIN");
  }
}
