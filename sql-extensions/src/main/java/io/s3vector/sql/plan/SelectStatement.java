package io.s3vector.sql.plan;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.exec.Executor;
import io.s3vector.sql.exec.Operator;
import io.s3vector.sql.exec.RowSource;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.ReadView;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;

/** A SELECT: planned and compiled once, opened per execution as a lazy cursor. */
public final class SelectStatement extends PlannedStatement {
  private final RelNode plan;
  private final Operator operator;
  private final List<ResultColumn> columns;
  private final List<PgType> parameterTypes;

  public SelectStatement(String sql, RelNode plan, List<ResultColumn> columns, List<PgType> parameterTypes) {
    super(sql);
    this.plan = plan;
    this.operator = Executor.compile(plan);
    this.columns = columns;
    this.parameterTypes = parameterTypes;
  }

  /** The optimised plan, as EXPLAIN prints it. */
  public RelNode plan() {
    return plan;
  }

  public String explain() {
    return RelOptUtil.toString(plan);
  }

  @Override
  public List<PgType> parameterTypes() {
    return parameterTypes;
  }

  @Override
  public List<ResultColumn> resultColumns() {
    return columns;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    return execute(session, parameters, null);
  }

  /** Runs the query reading through {@code view} (null: a view of its own). */
  public QueryResult execute(PgSession session, Object[] parameters, ReadView view) {
    RowSource rows = operator.open(new ExecContext(session, parameters, view));
    return new QueryResult.Rows(columns, rows::next, "SELECT");
  }
}
