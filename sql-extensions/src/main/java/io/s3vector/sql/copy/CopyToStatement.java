package io.s3vector.sql.copy;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.QueryBinder;
import io.s3vector.sql.lex.PgLexer;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code COPY t [(cols)] TO STDOUT} and {@code COPY (query) TO STDOUT}: a query planned once like
 * any SELECT (a table becomes {@code SELECT cols FROM t}), so COPY reads exactly what that SELECT
 * would, the rows a transaction block has buffered included, and uses the same plans (an
 * {@code ORDER BY embedding <-> '[..]' LIMIT k} is a top-k scan). Each execution streams the
 * query's cursor through a {@link CopyToRun}.
 */
public final class CopyToStatement extends PlannedStatement {
  /** Plans a query given as text and tokens (the tokens' positions are within that text). */
  @FunctionalInterface
  public interface QueryPlanner {
    PlannedStatement plan(String sql, List<Token> tokens);
  }

  private final PlannedStatement query;
  private final CopyOptions options;
  private final List<String> names;
  private final PgType[] types;
  private final boolean[] forceQuote;

  private CopyToStatement(String sql, PlannedStatement query, CopyOptions options,
      boolean[] forceQuote) {
    super(sql);
    this.query = query;
    this.options = options;
    this.forceQuote = forceQuote;
    List<ResultColumn> columns = query.resultColumns();
    this.names = new ArrayList<>();
    this.types = new PgType[columns.size()];
    for (int i = 0; i < types.length; i++) {
      names.add(columns.get(i).name());
      types[i] = columns.get(i).type();
    }
  }

  static CopyToStatement plan(String sql, CopyStatementParser.Parsed parsed, BindContext ctx,
      QueryPlanner planner) {
    PlannedStatement query;
    boolean[] forceQuote;
    if (parsed.query() != null) {
      query = planner.plan(sql, parsed.query());
      if (query.resultColumns().isEmpty()) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "COPY query must have a RETURNING clause");
      }
      forceQuote = queryForceQuote(parsed.options(), query.resultColumns());
    } else {
      TableSchema schema = new QueryBinder(ctx)
          .table(new SqlIdentifier(parsed.table(), SqlParserPos.ZERO)).schema();
      List<String> columns = CopyColumns.names(schema, CopyColumns.targets(schema, parsed.columns()));
      forceQuote = tableForceQuote(parsed.options(), schema, columns);
      String select = selectOf(schema.name(), columns);
      query = planner.plan(select, PgLexer.tokenize(select));
    }
    CopyToStatement statement = new CopyToStatement(sql, query, parsed.options(), forceQuote);
    statement.checkBinaryOutput();
    return statement;
  }

  /** {@code SELECT "a", "b" FROM "t"}: quoted, so names of any case or spelling stay themselves. */
  private static String selectOf(String table, List<String> columns) {
    StringBuilder sb = new StringBuilder("SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(io.s3vector.sql.catalog.Identifiers.quoteAlways(columns.get(i)));
    }
    return sb.append(" FROM ").append(io.s3vector.sql.catalog.Identifiers.quoteAlways(table)).toString();
  }

  /** FORCE_QUOTE of a table's COPY: each name a column of the table, and one of those copied. */
  private static boolean[] tableForceQuote(CopyOptions o, TableSchema schema, List<String> columns) {
    boolean[] force = new boolean[columns.size()];
    Arrays.fill(force, o.forceQuoteAll());
    for (String name : o.forceQuote()) {
      if (schema.indexOf(name) < 0) {
        throw CopyColumns.undefined(name, schema.name());
      }
      int at = columns.indexOf(name);
      if (at < 0) {
        throw new PgException(SqlState.INVALID_COLUMN_REFERENCE,
            "FORCE_QUOTE column \"" + name + "\" not referenced by COPY");
      }
      force[at] = true;
    }
    return force;
  }

  /** FORCE_QUOTE of a query's COPY: each name one of the query's columns. */
  private static boolean[] queryForceQuote(CopyOptions o, List<ResultColumn> columns) {
    List<String> names = columns.stream().map(ResultColumn::name).toList();
    boolean[] force = new boolean[names.size()];
    Arrays.fill(force, o.forceQuoteAll());
    for (String name : o.forceQuote()) {
      int at = names.indexOf(name);
      if (at < 0) {
        throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
      }
      force[at] = true;
    }
    return force;
  }

  /** Binary COPY needs every column's binary send form, checked before any data goes out. */
  private void checkBinaryOutput() {
    if (options.format() != CopyOptions.Format.BINARY) {
      return;
    }
    for (PgType type : types) {
      if (!type.supportsBinary()) {
        throw new PgException(SqlState.UNDEFINED_FUNCTION,
            "no binary output function available for type " + type.name());
      }
    }
  }

  @Override
  public List<PgType> parameterTypes() {
    return query.parameterTypes();
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    QueryResult result = query.execute(session, parameters);
    if (!(result instanceof QueryResult.Rows rows)) {
      throw new IllegalStateException("COPY's query returned " + result);
    }
    return new QueryResult.Copy(new CopyToRun(rows.cursor(), writer(), options, names));
  }

  private CopyRowWriter writer() {
    return switch (options.format()) {
      case TEXT -> new CopyTextWriter(options, types);
      case CSV -> new CopyCsvWriter(options, types, forceQuote);
      case BINARY -> new CopyBinaryWriter(types);
    };
  }
}
