package io.s3vector.sql.copy;

import io.s3vector.sql.CopyIn;
import io.s3vector.sql.CopyInStatement;
import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlSession;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.TransactionStatus;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.InsertBinder;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.QueryBinder;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.exec.Executor;
import io.s3vector.sql.exec.Expr;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.functions.PgFunction;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.plan.ConstraintChecks;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.sql.types.PgTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code COPY t [(cols)] FROM STDIN}: bound once (target columns, the input function of each
 * column's type, DEFAULTs of the others), then run per copy by {@link CopyFromRun}.
 */
public final class CopyFromStatement extends PlannedStatement implements CopyInStatement {
  final TableSchema schema;
  final CopyOptions options;
  /** Schema positions of the copied columns, in the order of the data. */
  final int[] targets;
  /** Per copied column: text to value (text and csv). */
  final PgFunction.Impl[] fromText;
  /** Per copied column: its wire type (binary). */
  final PgType[] wireTypes;
  final RelDataType[] columnTypes;
  /** Per schema column: the DEFAULT of a column not copied, else null. */
  final Expr[] defaults;
  /** NOT NULL and CHECK constraints of each row. */
  final ConstraintChecks checks;
  /** Per schema column: whether it is copied (a NULL field then fails a serial's NOT NULL). */
  final boolean[] copied;
  /** Per copied column: FORCE_NOT_NULL and FORCE_NULL (csv), or null when none is. */
  final boolean[] forceNotNull;
  final boolean[] forceNull;
  /** Per copied column: -1, or for a vector column its dimension (0 if not fixed). */
  final int[] vectorDims;
  /** The text format's delimiter as a byte, or -1 when it is not ASCII (or the format is csv). */
  final int delimiter;
  /** The NULL string in UTF-8. */
  final byte[] nullBytes;

  private CopyFromStatement(String sql, TableSchema schema, CopyOptions options, int[] targets,
      Expr[] defaults, ConstraintChecks checks) {
    super(sql);
    this.schema = schema;
    this.options = options;
    this.targets = targets;
    this.defaults = defaults;
    this.checks = checks;
    this.copied = new boolean[schema.columns().size()];
    for (int t : targets) {
      copied[t] = true;
    }
    this.forceNotNull = forced(options.forceNotNull(), "FORCE_NOT_NULL", schema, targets);
    this.forceNull = forced(options.forceNull(), "FORCE_NULL", schema, targets);
    RelDataType unknown = PgRelTypes.FACTORY.createSqlType(SqlTypeName.CHAR);
    fromText = new PgFunction.Impl[targets.length];
    wireTypes = new PgType[targets.length];
    columnTypes = new RelDataType[targets.length];
    vectorDims = new int[targets.length];
    delimiter = options.format() == CopyOptions.Format.TEXT && options.delimiter() < 0x80
        ? options.delimiter() : -1;
    nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < targets.length; i++) {
      RelDataType type = TypeNames.columnType(schema.columns().get(targets[i]));
      columnTypes[i] = type;
      wireTypes[i] = PgRelTypes.pg(type);
      fromText[i] = Casts.converter(unknown, type, Casts.Context.ASSIGNMENT);
      vectorDims[i] = wireTypes[i] == PgTypes.VECTOR ? Math.max(0, PgRelTypes.typmod(type)) : -1;
    }
  }

  /** Binds a COPY FROM statement. */
  public static CopyFromStatement plan(String sql, List<Token> tokens, BindContext ctx) {
    return plan(sql, CopyStatementParser.parse(sql, tokens), ctx);
  }

  /** Which copied columns an option names: each a column of the table and one copied. */
  private static boolean[] forced(List<String> names, String option, TableSchema schema,
      int[] targets) {
    if (names.isEmpty()) {
      return null;
    }
    boolean[] out = new boolean[targets.length];
    for (String name : names) {
      int column = schema.indexOf(name);
      if (column < 0) {
        throw CopyColumns.undefined(name, schema.name());
      }
      int at = -1;
      for (int i = 0; i < targets.length; i++) {
        if (targets[i] == column) {
          at = i;
        }
      }
      if (at < 0) {
        throw new PgException(SqlState.INVALID_COLUMN_REFERENCE,
            option + " column \"" + name + "\" not referenced by COPY");
      }
      out[at] = true;
    }
    return out;
  }

  static CopyFromStatement plan(String sql, CopyStatementParser.Parsed parsed, BindContext ctx) {
    Table table = new QueryBinder(ctx).table(new SqlIdentifier(parsed.table(), SqlParserPos.ZERO));
    TableSchema schema = table.schema();
    List<ColumnSpec> columns = schema.columns();
    int[] targets = CopyColumns.targets(schema, parsed.columns());
    Expr[] defaults = new Expr[columns.size()];
    InsertBinder insert = new InsertBinder(ctx);
    for (int c = 0; c < columns.size(); c++) {
      boolean copied = false;
      for (int t : targets) {
        copied |= t == c;
      }
      ColumnSpec spec = columns.get(c);
      if (!copied && spec.defaultSql() != null && !spec.serial()) {
        RexNode value = insert.defaultValue(spec, TypeNames.columnType(spec));
        defaults[c] = Executor.compileAll(List.of(value))[0];
      }
    }
    return new CopyFromStatement(sql, schema, parsed.options(), targets, defaults,
        ConstraintChecks.bind(ctx, schema));
  }

  @Override
  public int format() {
    return options.format() == CopyOptions.Format.BINARY ? 1 : 0;
  }

  @Override
  public int columnCount() {
    return targets.length;
  }

  @Override
  public CopyIn start(SqlSession session) {
    PgSession pg = (PgSession) session;
    if (pg.transactionStatus() == TransactionStatus.FAILED) {
      throw new PgException(SqlState.IN_FAILED_SQL_TRANSACTION,
          "current transaction is aborted, commands ignored until end of transaction block");
    }
    pg.startStatementClock(); // DEFAULT now() of the rows copied
    return new CopyFromRun(this, pg);
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
        "COPY FROM STDIN runs through the copy sub-protocol (CopyInStatement.start)");
  }

  List<Object[]> newBatch() {
    return new ArrayList<>(CopyFromRun.BATCH);
  }
}
