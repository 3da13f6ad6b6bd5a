package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.session.TableVersion;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * A WITH whose queries include an INSERT, UPDATE or DELETE, or a WITH before one of them: the
 * WITH queries run first, in order, each once, their rows kept for the statement after them (and
 * the later queries), which then runs over them; all of it is one transaction. A data-modifying
 * query runs whether or not anything reads it, as in PostgreSQL.
 *
 * <p>PostgreSQL runs every part on one snapshot: the statement does not see what the queries
 * before it changed, only their RETURNING rows. Here the parts run one after another, so a part
 * that reads or writes a table an earlier data-modifying query wrote would see that write;
 * rather than answer differently, such a statement is refused (0A000).
 */
final class WithStatement extends PlannedStatement {
  /** A WITH query: its plan, and where its rows go (null: nothing reads them). */
  private record Part(PlannedStatement plan, MaterializedRows rows) {}

  /** Plans one statement of the WITH (a query's body or the main statement). */
  interface Planner {
    PlannedStatement plan(List<Token> tokens, Map<String, TableVersion> dependencies);
  }

  private final List<Part> parts;
  private final PlannedStatement main;
  private final List<PgType> parameterTypes;

  private WithStatement(String sql, List<Part> parts, PlannedStatement main,
      List<PgType> parameterTypes) {
    super(sql);
    this.parts = parts;
    this.main = main;
    this.parameterTypes = parameterTypes;
  }

  static WithStatement plan(String sql, WithItems with, Planner planner,
      Map<String, TableVersion> dependencies) {
    Planning planning = new Planning(planner, dependencies);
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < with.items().size(); i++) {
      WithItems.Item item = with.items().get(i);
      Token reference = with.reference(i);
      if (!item.dml() && reference == null) {
        continue; // a query nothing reads is not run, as in PostgreSQL
      }
      PlannedStatement plan = planning.plan(item.body());
      String target = plan instanceof DmlStatement d ? d.target()
          : plan instanceof InsertStatement ins ? ins.target() : null;
      if (item.dml() && target == null) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "this data-modifying statement in WITH is not supported yet");
      }
      if (target != null) {
        planning.written.add(target);
      }
      List<ResultColumn> columns = plan.resultColumns();
      if (reference != null && columns.isEmpty()) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "WITH query \"" + item.name()
            + "\" does not have a RETURNING clause", null, null, reference.start() + 1, null);
      }
      MaterializedRows rows = reference == null ? null : new MaterializedRows();
      if (rows != null) {
        planning.scope.put(item.name(), materialized(item, columns, rows));
      }
      parts.add(new Part(plan, rows));
    }
    PlannedStatement main = planning.plan(with.main());
    return new WithStatement(sql, parts, main, parameterTypes(planning.planned));
  }

  /** The parts planned so far: what later parts see, what the earlier ones wrote, their plans. */
  private static final class Planning {
    final Planner planner;
    final Map<String, TableVersion> dependencies;
    final Map<String, BindContext.Materialized> scope = new LinkedHashMap<>();
    final java.util.Set<String> written = new java.util.HashSet<>();
    final List<PlannedStatement> planned = new ArrayList<>();

    Planning(Planner planner, Map<String, TableVersion> dependencies) {
      this.planner = planner;
      this.dependencies = dependencies;
    }

    /** One part, with the queries before it in scope; 0A000 when it reads what they wrote. */
    PlannedStatement plan(List<Token> tokens) {
      Map<String, TableVersion> read = new HashMap<>();
      PlannedStatement plan = BindContext.withMaterialized(Map.copyOf(scope),
          () -> planner.plan(tokens, read));
      refuseReadingWritten(read, written, tokens);
      dependencies.putAll(read);
      planned.add(plan);
      return plan;
    }
  }

  /** The WITH query's rows as its readers see them: its columns, named by its aliases first. */
  private static BindContext.Materialized materialized(WithItems.Item item,
      List<ResultColumn> columns, MaterializedRows rows) {
    if (item.aliases().size() > columns.size()) {
      throw new PgException(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"" + item.name()
          + "\" has " + columns.size() + " columns available but " + item.aliases().size()
          + " columns specified");
    }
    RelDataTypeFactory.Builder type = PgRelTypes.FACTORY.builder();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      ResultColumn column = columns.get(c);
      String name = c < item.aliases().size() ? item.aliases().get(c) : column.name();
      names.add(name);
      RelDataType t = PgRelTypes.of(column.type(), column.typmod());
      type.add("$c" + c, PgRelTypes.FACTORY.createTypeWithNullability(t, true));
    }
    return new BindContext.Materialized(rows, type.build(), names);
  }

  /**
   * 0A000 when a part reads a table a data-modifying query before it wrote: the part's plan
   * depends on the table and names it other than as an INSERT's target (adding rows to such a
   * table reads none of it, and sees nothing PostgreSQL's snapshot would hide).
   */
  private static void refuseReadingWritten(Map<String, TableVersion> read,
      java.util.Set<String> written, List<Token> part) {
    for (String table : read.keySet()) {
      Token at = written.contains(table) ? reading(part, SchemaNames.tableOf(table)) : null;
      if (at != null) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "a statement that reads a table a"
            + " data-modifying WITH query before it wrote is not supported yet", null,
            "PostgreSQL would not show it the rows that query changed; here the parts run one"
                + " after another.", at.start() + 1, null);
      }
    }
  }

  /** Where {@code part} names the table {@code name} other than as INSERT INTO's target, or null. */
  private static Token reading(List<Token> part, String name) {
    int from = 0;
    if (part.get(0).isWord("insert") && part.size() > 2) {
      from = 3; // INSERT INTO [schema.]name
      while (from + 1 < part.size() && part.get(from).isOp(".")) {
        from += 2;
      }
    }
    for (int i = from; i < part.size(); i++) {
      Token t = part.get(i);
      if (t.isName() && t.text().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The statement's parameter types: per $n the type the first part that gives it one other
   * than text inferred (a part that does not use $n lists it as text).
   */
  private static List<PgType> parameterTypes(List<PlannedStatement> planned) {
    List<PgType> out = new ArrayList<>();
    for (PlannedStatement p : planned) {
      List<PgType> types = p.parameterTypes();
      for (int i = 0; i < types.size(); i++) {
        if (i >= out.size()) {
          out.add(types.get(i));
        } else if (out.get(i) == PgTypes.TEXT && types.get(i) != null) {
          out.set(i, types.get(i));
        }
      }
    }
    return out;
  }

  @Override
  public List<PgType> parameterTypes() {
    return parameterTypes;
  }

  @Override
  public List<ResultColumn> resultColumns() {
    return main.resultColumns();
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    return session.inOneTransaction(() -> {
      for (Part part : parts) {
        List<Object[]> rows = drain(part.plan().execute(session, parameters));
        if (part.rows() != null) {
          part.rows().set(rows);
        }
      }
      QueryResult result = main.execute(session, parameters);
      if (result instanceof QueryResult.Rows r) {
        // read to the end before the transaction commits
        Iterator<Object[]> it = drain(r).iterator();
        return new QueryResult.Rows(r.columns(), () -> it.hasNext() ? it.next() : null,
            r.tagPrefix());
      }
      return result;
    });
  }

  private static List<Object[]> drain(QueryResult result) {
    List<Object[]> rows = new ArrayList<>();
    if (result instanceof QueryResult.Rows r) {
      try (RowCursor cursor = r.cursor()) {
        for (Object[] row = cursor.next(); row != null; row = cursor.next()) {
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
