package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.Database;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/** What binding one statement shares: Calcite's builders, $n types, the session, positions. */
public final class BindContext {
  public final RelOptCluster cluster;
  public final RexBuilder rex;
  public final Parameters params;
  public final PgSession session;
  private CalciteText text;
  private final java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies;

  public BindContext(RelOptCluster cluster, Parameters params, PgSession session, CalciteText text) {
    this(cluster, params, session, text, new java.util.LinkedHashMap<>());
  }

  public BindContext(RelOptCluster cluster, Parameters params, PgSession session, CalciteText text,
      java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies) {
    this.cluster = cluster;
    this.rex = cluster.getRexBuilder();
    this.params = params;
    this.session = session;
    this.text = text;
    this.dependencies = dependencies;
  }

  private final java.util.Map<org.apache.calcite.rex.RexNode, SqlNode> literals =
      new java.util.IdentityHashMap<>();

  /** Remembers where an untyped string literal was written (for input errors' positions). */
  public void literal(org.apache.calcite.rex.RexNode rex, SqlNode node) {
    literals.put(rex, node);
  }

  /** Where an untyped literal was written, or null. */
  public SqlNode literalNode(org.apache.calcite.rex.RexNode rex) {
    return literals.get(rex);
  }

  /** A WITH query: its plan and its column names. */
  public record Cte(String name, org.apache.calcite.rel.RelNode rel, java.util.List<String> columns,
      int[][] origins) {
    /** A WITH query whose columns name no stored table (the work table of a recursive one). */
    public Cte(String name, org.apache.calcite.rel.RelNode rel, java.util.List<String> columns) {
      this(name, rel, columns, null);
    }
  }

  /** The WITH queries in scope, innermost level last (a nested WITH hides outer names). */
  private final java.util.Deque<java.util.Map<String, Cte>> ctes = new java.util.ArrayDeque<>();

  /** Identity columns' sequence options by the offset of their GENERATED token (CREATE, ALTER TABLE). */
  private java.util.Map<Integer, io.s3vector.sql.session.SequenceOptions> identityOptions =
      java.util.Map.of();

  public void identityOptions(java.util.Map<Integer, io.s3vector.sql.session.SequenceOptions> options) {
    identityOptions = options;
  }

  /** The sequence options of the identity column whose GENERATED is at that offset, or null. */
  public io.s3vector.sql.session.SequenceOptions identityOptions(int offset) {
    return identityOptions.get(offset);
  }

  /** The offsets of the UNIQUE tokens of constraints declared NULLS NOT DISTINCT. */
  private java.util.Set<Integer> uniqueNullsNotDistinct = java.util.Set.of();

  public void uniqueNullsNotDistinct(java.util.Set<Integer> offsets) {
    uniqueNullsNotDistinct = offsets;
  }

  /** Whether a UNIQUE constraint of the statement was declared NULLS NOT DISTINCT. */
  public boolean nullsNotDistinct(SqlNode unique) {
    return uniqueNullsNotDistinct.contains(position(unique) - 1);
  }

  /** The WITH query a FROM name refers to, or null. */
  public Cte cte(String name) {
    for (java.util.Iterator<java.util.Map<String, Cte>> it = ctes.descendingIterator(); it.hasNext(); ) {
      Cte cte = it.next().get(name);
      if (cte != null) {
        return cte;
      }
    }
    Materialized rows = MATERIALIZED.get().get(name);
    return rows == null ? null : new Cte(name,
        new io.s3vector.sql.plan.WorkTableScan(cluster, rows.rows(), rows.rowType()), rows.columns());
  }

  /**
   * A WITH query run before its statement (a data-modifying one, or any WITH query of an INSERT,
   * UPDATE or DELETE): its rows are read from {@code rows} when the statement runs.
   */
  public record Materialized(Object rows, org.apache.calcite.rel.type.RelDataType rowType,
      java.util.List<String> columns) {}

  /** The WITH queries run before the statement being planned on this thread, by name. */
  private static final ThreadLocal<java.util.Map<String, Materialized>> MATERIALIZED =
      ThreadLocal.withInitial(java.util.Map::of);

  /**
   * Plans {@code planning} with {@code queries} in scope as the outermost WITH level (the
   * statement's planning binds through several contexts, all on this thread).
   */
  public static <T> T withMaterialized(java.util.Map<String, Materialized> queries,
      java.util.function.Supplier<T> planning) {
    java.util.Map<String, Materialized> before = MATERIALIZED.get();
    MATERIALIZED.set(queries);
    try {
      return planning.get();
    } finally {
      MATERIALIZED.set(before);
    }
  }

  /** Opens a WITH level; its queries are added as they are bound (later ones see earlier ones). */
  void pushCtes() {
    ctes.addLast(new java.util.LinkedHashMap<>());
  }

  void addCte(Cte cte) {
    ctes.getLast().put(cte.name(), cte);
  }

  void popCtes() {
    ctes.removeLast();
  }

  /** Records that the plan depends on this table's current schema and indexes. */
  public void dependOn(io.s3vector.storage.table.Table table) {
    dependencies.put(table.name(), io.s3vector.sql.session.TableVersion.of(table));
  }

  public Database database() {
    return session.database();
  }

  /** Switches the text positions refer to (RETURNING is parsed separately). */
  public void text(CalciteText text) {
    this.text = text;
  }

  /** The 1-based position of a node in the original statement, or 0. */
  public int position(SqlNode node) {
    return node == null ? 0 : position(node.getParserPosition());
  }

  /** {@link #position(SqlNode)} of a parser position. */
  public int position(SqlParserPos pos) {
    if (pos == null || text == null || pos.getLineNum() <= 0) {
      return 0;
    }
    int offset = text.originalOffset(pos.getLineNum(), pos.getColumnNum());
    return offset < 0 ? 0 : offset + 1;
  }

  /**
   * The 1-based position of a binary operator (PostgreSQL points there, Calcite's call starts at
   * its left operand), or the call's position.
   */
  public int operatorPosition(org.apache.calcite.sql.SqlCall call) {
    if (text != null && call.operandCount() == 2 && call.operand(0) != null) {
      SqlParserPos left = call.operand(0).getParserPosition();
      if (left != null && left.getEndLineNum() > 0) {
        int offset = text.originalOffsetAfter(left.getEndLineNum(), left.getEndColumnNum());
        if (offset >= 0) {
          return offset + 1;
        }
      }
    }
    return position(call);
  }

  public PgException error(String sqlState, String message, SqlNode at) {
    return new PgException(sqlState, message, null, null, position(at), null);
  }

  public PgException error(String sqlState, String message, String hint, SqlNode at) {
    return new PgException(sqlState, message, null, hint, position(at), null);
  }

  /** The type {@code spec} names; its errors point at the type name, as PostgreSQL's do. */
  public TypeNames.Resolved resolveType(org.apache.calcite.sql.SqlDataTypeSpec spec) {
    try {
      return TypeNames.resolve(spec);
    } catch (PgException e) {
      if (e.position() != 0) {
        throw e;
      }
      throw new PgException(e.sqlState(), e.getMessage(), e.detail(), e.hint(), position(spec), null);
    }
  }
}
