package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.BindContext;
import io.s3vector.sql.bind.BoundDml;
import io.s3vector.sql.bind.BoundInsert;
import io.s3vector.sql.bind.DmlBinder;
import io.s3vector.sql.bind.BoundQuery;
import io.s3vector.sql.bind.ConflictBinder;
import io.s3vector.sql.bind.InsertBinder;
import io.s3vector.sql.bind.Parameters;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.QueryBinder;
import io.s3vector.sql.bind.TableDefinition;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.parser.PgParserConfig;
import io.s3vector.sql.parser.SqlPgCreateIndex;
import io.s3vector.sql.parser.SqlPgCreateTable;
import io.s3vector.sql.parser.SqlPgDrop;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.session.StatementPlanner;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Parses with our Calcite parser, binds with PostgreSQL's rules, optimises with a HepPlanner
 * running {@link ExactTopKRule}, and compiles the plan: everything a statement needs before its
 * first execution.
 */
public final class CalcitePlanner implements StatementPlanner {
  /**
   * Calcite's project merge without its expression simplifier: the simplifier would fold our
   * casts (SqlKind CAST) of literals with Calcite's semantics (a numeric's scale, text to vector).
   */
  private static final org.apache.calcite.plan.RelOptRule PROJECT_MERGE =
      org.apache.calcite.rel.rules.CoreRules.PROJECT_MERGE.config
          .withRelBuilderFactory(org.apache.calcite.tools.RelBuilder.proto(
              org.apache.calcite.tools.RelBuilder.Config.DEFAULT.withSimplify(false)))
          .toRule();

  /** A new program per statement: sessions plan concurrently. */
  private static HepProgram program() {
    return new HepProgramBuilder()
        .addRuleInstance(JoinTopKRule.INSTANCE)
        .addRuleInstance(ExactTopKRule.INSTANCE)
        // The top-k scan leaves the ORDER BY key's projection under the final one: merge them
        // so the distance is not computed a second time for the winners.
        .addRuleInstance(PROJECT_MERGE)
        .build();
  }

  @Override
  public PlannedStatement plan(String sql, List<Token> tokens, int[] paramTypeOids, PgSession session,
      java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies) {
    HepPlanner planner = new HepPlanner(program(),
        org.apache.calcite.plan.Contexts.of(session.settings()));
    RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(PgRelTypes.FACTORY));
    Parameters params = new Parameters(paramTypeOids);
    WithItems with = WithItems.of(tokens);
    if (with != null) {
      return WithStatement.plan(sql, with,
          (part, read) -> plan(sql, part, paramTypeOids, session, read), dependencies);
    }
    UnsupportedClauses.refuse(tokens);

    if (tokens.get(0).isWord("explain")) {
      return explain(sql, tokens, params, cluster, planner, session, dependencies);
    }
    Token first = tokens.get(0);
    if (first.isWord("copy")) {
      // COPY TO's query (or the SELECT a table's COPY TO becomes) is planned as a statement
      return io.s3vector.sql.copy.CopyStatements.plan(sql, tokens,
          new BindContext(cluster, params, session, null, dependencies),
          (text, query) -> plan(text, query, paramTypeOids, session, dependencies));
    }
    if (first.isWord("truncate")) {
      return TruncateStatement.plan(sql, tokens, new BindContext(cluster, params, session, null, dependencies));
    }
    if (first.isWord("update") || first.isWord("delete")) {
      tokens = withoutOnly(tokens);
    }
    if (first.isWord("update") || first.isWord("insert")) {
      tokens = MultiColumnSet.rewrite(tokens);
    }
    if (first.isWord("update")) {
      int from = topLevelWord(tokens, "from");
      if (from >= 0) {
        return updateFrom(sql, tokens, from, params, cluster, planner, session, dependencies);
      }
    }
    if (first.isWord("delete")) {
      int using = topLevelWord(tokens, "using");
      if (using >= 0) {
        return deleteUsing(sql, tokens, using, params, cluster, planner, session, dependencies);
      }
    }
    if (first.isWord("alter")) {
      PlannedStatement alone = DropConstraintStatement.recognise(sql, tokens);
      if (alone == null) {
        alone = IdentityColumnStatement.recognise(sql, tokens);
      }
      if (alone != null) {
        return alone;
      }
      AlterTableStatement.refuseUnsupported(tokens);
    }
    java.util.Map<Integer, io.s3vector.sql.session.SequenceOptions> identityOptions =
        java.util.Map.of();
    java.util.Set<Integer> uniqueNullsNotDistinct = java.util.Set.of();
    if (first.isWord("create") || first.isWord("alter")) {
      UniqueNulls nulls = UniqueNulls.of(tokens);
      uniqueNullsNotDistinct = nulls.notDistinct();
      IdentityOptions identity = IdentityOptions.of(sql, nulls.tokens());
      tokens = identity.tokens();
      identityOptions = identity.options();
    }
    boolean concurrently = CreateIndexStatement.isConcurrently(tokens);
    if (concurrently) {
      tokens = CreateIndexStatement.withoutConcurrently(tokens);
    }
    if (SecondaryIndexStatement.isSecondary(tokens)) {
      return SecondaryIndexStatement.plan(sql, tokens);
    }
    int where = first.isWord("create") ? topLevelWord(tokens, "where") : -1;
    if (where >= 0 && topLevelWord(tokens, "index") >= 0) {
      // pgvector's filtering advice (an HNSW index per category); its grammar answered a syntax error
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "partial indexes (CREATE INDEX ... WHERE) are not supported yet", null, null,
          tokens.get(where).start() + 1, null);
    }
    if (first.isWord("merge")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          first.text().toUpperCase(java.util.Locale.ROOT) + " is not supported yet");
    }
    int lock = first.isWord("select") ? topLevelWord(tokens, "for") : -1;
    if (lock >= 0 && lock + 1 < tokens.size() && (tokens.get(lock + 1).isWord("update")
        || tokens.get(lock + 1).isWord("share") || tokens.get(lock + 1).isWord("no")
        || tokens.get(lock + 1).isWord("key"))) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "SELECT FOR UPDATE/SHARE is not supported",
          null, null, tokens.get(lock).start() + 1, null);
    }
    String insertAlias = first.isWord("insert") ? insertAlias(tokens) : null;
    if (insertAlias != null) {
      tokens = withoutInsertAlias(tokens);
    }
    InsertBinder.Overriding overriding = first.isWord("insert")
        ? OverridingClause.of(tokens) : InsertBinder.Overriding.NONE;
    if (overriding != InsertBinder.Overriding.NONE) {
      tokens = OverridingClause.without(tokens);
    }
    int returning = first.isWord("insert") || first.isWord("update") || first.isWord("delete")
        ? topLevelWord(tokens, "returning") : -1;
    int on = first.isWord("insert") ? onConflict(tokens) : -1;
    int clausesEnd = returning < 0 ? tokens.size() : returning;
    CalciteText text = CalciteText.of(sql, tokens, 0, on >= 0 ? on : clausesEnd);
    params.numbers(text.paramNumbers());
    BindContext ctx = new BindContext(cluster, params, session, text, dependencies);
    ctx.identityOptions(identityOptions);
    ctx.uniqueNullsNotDistinct(uniqueNullsNotDistinct);
    SqlNode node = parse(sql, tokens, text, false);

    if (node instanceof SqlPgCreateTable create) {
      return new CreateTableStatement(sql, new TableDefinition(ctx, sql).bind(create), create.ifNotExists);
    }
    if (node instanceof SqlPgCreateIndex index) {
      io.s3vector.sql.bind.IndexDefinitionBinder.Bound bound =
          new io.s3vector.sql.bind.IndexDefinitionBinder(ctx).bind(index);
      return new CreateIndexStatement(sql, bound.table(), bound.index(), index.ifNotExists,
          concurrently);
    }
    if (node instanceof io.s3vector.sql.parser.SqlPgAlterTable alter) {
      return AlterTableStatement.plan(sql, alter, ctx);
    }
    if (node instanceof SqlPgDrop drop) {
      List<List<String>> names = new ArrayList<>();
      for (SqlNode n : drop.names) {
        names.add(List.copyOf(((SqlIdentifier) n).names));
      }
      return new DropStatement(sql, drop.isTable(), drop.ifExists(), names,
          topLevelWord(tokens, "cascade") >= 0);
    }
    Returning parsedReturning = returning(sql, tokens, returning);
    SqlNodeList returningList = parsedReturning.list();
    CalciteText returningText = parsedReturning.text();
    if (node instanceof SqlInsert insert) {
      BoundInsert bound = new InsertBinder(ctx).bind(insert, returningList, returningText,
          overriding, insertAlias);
      if (on >= 0) {
        bound = bound.withConflict(new ConflictBinder(ctx).bind(bound.schema(), insertAlias, sql,
            tokens, on + 2, clausesEnd));
      }
      if (bound.query() != null) {
        bound = bound.withQuery(optimise(planner, bound.query()));
      }
      return new InsertStatement(sql, bound, params.pgTypes());
    }
    if (node instanceof SqlUpdate update) {
      return new DmlStatement(sql, new DmlBinder(ctx).bindUpdate(update, returningList, returningText),
          params.pgTypes());
    }
    if (node instanceof SqlDelete delete) {
      return new DmlStatement(sql, new DmlBinder(ctx).bindDelete(delete, returningList, returningText),
          params.pgTypes());
    }
    if (node.getKind().belongsTo(SqlKind.QUERY) || node.getKind() == SqlKind.ORDER_BY) {
      return select(sql, node, ctx, planner);
    }
    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
        "statement " + node.getKind().sql + " is not supported yet");
  }

  private SelectStatement select(String sql, SqlNode node, BindContext ctx, HepPlanner planner) {
    BoundQuery bound = regNamesOut(ctx, new QueryBinder(ctx).bind(node));
    RelNode plan = optimise(planner, bound.rel());
    return new SelectStatement(sql, plan, bound.columns(), ctx.params.pgTypes());
  }

  /**
   * A statement's regclass/regtype/regproc... columns printed as names (their output function),
   * as PostgreSQL does: psql shows {@code conrelid::regclass} as the table's name. They go out as
   * text; inside the query they stay OIDs (so comparisons and joins on them stay numeric).
   */
  private static BoundQuery regNamesOut(BindContext ctx, BoundQuery bound) {
    RelNode rel = bound.rel();
    List<org.apache.calcite.rex.RexNode> exprs = new ArrayList<>();
    List<io.s3vector.sql.ResultColumn> columns = new ArrayList<>();
    boolean any = false;
    io.s3vector.sql.bind.ExprBinder binder = new io.s3vector.sql.bind.ExprBinder(ctx, null, "SELECT");
    for (int i = 0; i < bound.columns().size(); i++) {
      org.apache.calcite.rex.RexNode ref = ctx.rex.makeInputRef(rel, i);
      io.s3vector.sql.ResultColumn c = bound.columns().get(i);
      if (PgRelTypes.regName(ref.getType()) != null) {
        any = true;
        exprs.add(binder.coerce(ref, PgRelTypes.TEXT, io.s3vector.sql.functions.Casts.Context.EXPLICIT, null));
        columns.add(new io.s3vector.sql.ResultColumn(c.name(), io.s3vector.sql.types.PgTypes.TEXT, -1,
            c.tableOid(), c.columnNumber()));
      } else {
        exprs.add(ref);
        columns.add(c);
      }
    }
    if (!any) {
      return bound;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      names.add("$r" + i);
    }
    return new BoundQuery(org.apache.calcite.rel.logical.LogicalProject.create(rel, List.of(), exprs, names,
        java.util.Set.of()), columns);
  }

  private static RelNode optimise(HepPlanner planner, RelNode rel) {
    planner.setRoot(rel);
    return subqueriesOptimised(planner.findBestExp(), planner.getContext());
  }

  /**
   * The plans inside expressions (subqueries) optimised too, each by its own planner, so a
   * vector search in {@code IN (SELECT ... ORDER BY v <-> $1 LIMIT k)} becomes a top-k scan.
   */
  private static RelNode subqueriesOptimised(RelNode rel, org.apache.calcite.plan.Context context) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode optimised = subqueriesOptimised(input, context);
      changed |= optimised != input;
      inputs.add(optimised);
    }
    RelNode withInputs = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    return withInputs.accept(new org.apache.calcite.rex.RexShuttle() {
      @Override
      public org.apache.calcite.rex.RexNode visitSubQuery(org.apache.calcite.rex.RexSubQuery sub) {
        HepPlanner planner = new HepPlanner(program(), context);
        planner.setRoot(sub.rel);
        RelNode inner = subqueriesOptimised(planner.findBestExp(), context);
        return inner == sub.rel ? sub : sub.clone(inner);
      }
    });
  }

  private PlannedStatement explain(String sql, List<Token> tokens, Parameters params,
      RelOptCluster cluster, HepPlanner planner, PgSession session,
      java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies) {
    int i = 1;
    boolean analyze = false;
    ExplainStatement.Format format = ExplainStatement.Format.TEXT;
    if (i < tokens.size() && tokens.get(i).isOp("(")) {
      i++;
      // ( option [value] [, ...] ): PostgreSQL's options; those that change nothing here are accepted
      while (i < tokens.size() && !tokens.get(i).isOp(")")) {
        Token option = tokens.get(i++);
        if (option.isOp(",")) {
          continue;
        }
        Token value = i < tokens.size() && !tokens.get(i).isOp(",") && !tokens.get(i).isOp(")")
            ? tokens.get(i++) : null;
        String name = option.text().toLowerCase(java.util.Locale.ROOT);
        switch (name) {
          case "analyze", "analyse" -> analyze = value == null || !(value.isWord("false")
              || value.isWord("off") || value.text().equals("0"));
          case "format" -> format = explainFormat(value);
          case "verbose", "costs", "settings", "buffers", "wal", "timing", "summary",
              "generic_plan", "serialize", "memory" -> { }
          default -> throw new PgException(SqlState.SYNTAX_ERROR,
              "unrecognized EXPLAIN option \"" + name + "\"");
        }
      }
      i++;
    } else {
      while (i < tokens.size() && (tokens.get(i).isWord("analyze") || tokens.get(i).isWord("analyse")
          || tokens.get(i).isWord("verbose"))) {
        analyze |= !tokens.get(i).isWord("verbose");
        i++;
      }
    }
    if (i >= tokens.size()) {
      throw syntaxError(sql, null);
    }
    if (WithItems.of(tokens.subList(i, tokens.size())) != null) {
      // a WITH with data-modifying queries, or before one: not a SELECT's plan
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN supports only SELECT for now");
    }
    CalciteText text = CalciteText.of(sql, tokens, i, tokens.size());
    params.numbers(text.paramNumbers());
    BindContext ctx = new BindContext(cluster, params, session, text, dependencies);
    SqlNode node = parse(sql, tokens, text, false);
    if (!(node.getKind().belongsTo(SqlKind.QUERY) || node.getKind() == SqlKind.ORDER_BY)) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN supports only SELECT for now");
    }
    return new ExplainStatement(sql, select(sql, node, ctx, planner), analyze, format);
  }

  private static ExplainStatement.Format explainFormat(Token value) {
    String format = value == null ? "" : value.text().toLowerCase(java.util.Locale.ROOT);
    return switch (format) {
      case "text" -> ExplainStatement.Format.TEXT;
      case "json" -> ExplainStatement.Format.JSON;
      case "xml", "yaml" -> throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "EXPLAIN (FORMAT " + format.toUpperCase(java.util.Locale.ROOT) + ") is not supported");
      default -> throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
          "unrecognized value for EXPLAIN option \"format\": \"" + format + "\"");
    };
  }

  /** RETURNING's list parsed as a select list. */
  /** The position of {@code AS} in {@code INSERT INTO [schema.]table AS alias}, or -1. */
  private static int insertAliasAt(List<Token> tokens) {
    int i = 2; // INSERT INTO
    if (tokens.size() > i + 2 && tokens.get(i + 1).isOp(".")) {
      i += 2;
    }
    i++;
    return i + 1 < tokens.size() && tokens.get(i).isWord("as") && tokens.get(i + 1).isName() ? i : -1;
  }

  /**
   * {@code UPDATE ONLY t}, {@code DELETE FROM ONLY t}: without inheritance, ONLY changes nothing
   * (and Calcite does not parse it).
   */
  private static List<Token> withoutOnly(List<Token> tokens) {
    int at = tokens.get(0).isWord("update") ? 1 : 2;
    if (tokens.size() > at + 1 && tokens.get(at).isWord("only") && tokens.get(at + 1).isName()
        && (at == 1 || tokens.get(1).isWord("from"))) {
      List<Token> rest = new ArrayList<>(tokens);
      rest.remove(at);
      return rest;
    }
    return tokens;
  }

  /** The alias an INSERT gives its table (for ON CONFLICT ... DO UPDATE), or null. */
  private static String insertAlias(List<Token> tokens) {
    int at = insertAliasAt(tokens);
    return at < 0 ? null : tokens.get(at + 1).text();
  }

  /** The tokens without {@code AS alias} (Calcite's INSERT has no alias). */
  private static List<Token> withoutInsertAlias(List<Token> tokens) {
    int at = insertAliasAt(tokens);
    List<Token> rest = new ArrayList<>(tokens);
    rest.subList(at, at + 2).clear();
    return rest;
  }

  /** Index of the depth-0 {@code ON} of an {@code ON CONFLICT} clause, or -1. */
  private static int onConflict(List<Token> tokens) {
    int depth = 0;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("(")) {
        depth++;
      } else if (t.isOp(")")) {
        depth--;
      } else if (depth == 0 && t.isWord("on") && tokens.get(i + 1).isWord("conflict")) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first depth-0 occurrence of a keyword, or -1. */
  /**
   * {@code UPDATE target [[AS] alias] SET col = expr, ... FROM items [WHERE cond] [RETURNING ...]}:
   * planned as {@code SELECT alias.*, (expr), ... FROM target [AS] alias, items [WHERE cond]}, one
   * text so that parameters keep their numbers, whose rows the statement updates (the first match
   * of each target row, as PostgreSQL uses one arbitrary match).
   */
  private PlannedStatement updateFrom(String sql, List<Token> tokens, int from, Parameters params,
      RelOptCluster cluster, HepPlanner planner, PgSession session,
      java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies) {
    int set = topLevelWord(tokens, "set");
    int returning = topLevelWord(tokens, "returning");
    int end = returning < 0 ? tokens.size() : returning;
    int where = topLevelWord(tokens, "where");
    if (set < 2 || set > from || from + 1 >= end || (where >= 0 && (where < from || where + 1 >= end))) {
      throw syntaxError(sql, set < 0 ? null : tokens.get(set < 2 ? set : from));
    }
    JoinTarget target = joinTarget(sql, tokens, 1, set);
    Token last = target.last();
    // SET items: "col = expr" each; "(a, b) = ..." is not supported
    List<org.apache.calcite.sql.SqlIdentifier> columns = new ArrayList<>();
    List<Boolean> isDefault = new ArrayList<>();
    CalciteText select = CalciteText.literal("SELECT ", tokens.get(0).start())
        .plus(io.s3vector.sql.catalog.Identifiers.quoteAlways(last.text())).plus(".*");
    int item = set + 1;
    while (item < from) {
      int itemEnd = item;
      int depth = 0;
      while (itemEnd < from && !(depth == 0 && tokens.get(itemEnd).isOp(","))) {
        depth += tokens.get(itemEnd).isOp("(") ? 1 : tokens.get(itemEnd).isOp(")") ? -1 : 0;
        itemEnd++;
      }
      Token column = tokens.get(item);
      if (column.isOp("(")) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "UPDATE ... FROM with a multiple-column SET item is not supported yet", null, null,
            column.start() + 1, null);
      }
      if (!column.isName() || item + 2 > itemEnd || !tokens.get(item + 1).isOp("=")) {
        throw syntaxError(sql, item + 1 < tokens.size() ? tokens.get(item + 1) : null);
      }
      columns.add(new org.apache.calcite.sql.SqlIdentifier(column.text(),
          org.apache.calcite.sql.parser.SqlParserPos.ZERO));
      boolean byDefault = itemEnd == item + 3 && tokens.get(item + 2).isWord("default");
      isDefault.add(byDefault);
      if (!byDefault) {
        select = select.plus(", (").plus(CalciteText.of(sql, tokens, item + 2, itemEnd)).plus(")");
      }
      item = itemEnd + 1;
    }
    if (columns.isEmpty()) {
      throw syntaxError(sql, tokens.get(from));
    }
    select = select.plus(" FROM ").plus(CalciteText.of(sql, tokens, 1, set)).plus(", ")
        .plus(CalciteText.of(sql, tokens, from + 1, where >= 0 ? where : end));
    if (where >= 0) {
      select = select.plus(" ").plus(CalciteText.of(sql, tokens, where, end));
    }
    JoinQuery joined = joinQuery(sql, tokens, select, returning >= 0, params, cluster, planner,
        session, dependencies);
    Returning parsedReturning = returning(sql, tokens, returning);
    BoundDml bound = new DmlBinder(joined.ctx()).bindUpdateFrom(target.name(), target.alias(),
        columns, isDefault, joined.bound(), joined.select(), joined.carried(),
        parsedReturning.list(), parsedReturning.text());
    return new DmlStatement(sql, bound, params.pgTypes());
  }

  /** The target of a joined UPDATE or DELETE, its alias (or null), and its last token. */
  private record JoinTarget(org.apache.calcite.sql.SqlIdentifier name, String alias, Token last) {}

  /**
   * The target in tokens {@code [start, end)}: "t", "t a", "t AS a" (a schema-qualified name ends
   * in its name).
   */
  private JoinTarget joinTarget(String sql, List<Token> tokens, int start, int end) {
    Token last = tokens.get(end - 1);
    if (!last.isName()) {
      throw syntaxError(sql, last);
    }
    int nameEnd = end;
    String alias = null;
    if (end - 1 > start && !tokens.get(end - 2).isOp(".")) {
      alias = last.text();
      nameEnd = tokens.get(end - 2).isWord("as") ? end - 2 : end - 1;
    }
    try {
      SqlNode parsed = SqlParser.create(CalciteText.of(sql, tokens, start, nameEnd)
          .withPrefix("SELECT * FROM ").text(), PgParserConfig.CONFIG).parseQuery();
      return new JoinTarget((org.apache.calcite.sql.SqlIdentifier) ((SqlSelect) parsed).getFrom(),
          alias, last);
    } catch (SqlParseException | ClassCastException e) {
      throw syntaxError(sql, tokens.get(start));
    }
  }

  /**
   * The query a joined UPDATE or DELETE reads, parsed, bound and optimised, with its context, and
   * the FROM (USING) list's relations whose columns its rows carry at their end for RETURNING
   * (null when not {@code carry}).
   */
  private record JoinQuery(BindContext ctx, SqlSelect select, BoundQuery bound,
      List<io.s3vector.sql.bind.FromItem> carried) {}

  private JoinQuery joinQuery(String sql, List<Token> tokens, CalciteText select, boolean carry,
      Parameters params, RelOptCluster cluster, HepPlanner planner, PgSession session,
      java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies) {
    params.numbers(select.paramNumbers());
    BindContext ctx = new BindContext(cluster, params, session, select, dependencies);
    SqlSelect query = (SqlSelect) parse(sql, tokens, select, true);
    List<io.s3vector.sql.bind.FromItem> carried =
        carry ? new DmlBinder(ctx).carryFromColumns(query) : null;
    BoundQuery joined = new QueryBinder(ctx).bind(query);
    return new JoinQuery(ctx, query,
        new BoundQuery(optimise(planner, joined.rel()), joined.columns()), carried);
  }

  /**
   * {@code DELETE FROM target [[AS] alias] USING items [WHERE cond] [RETURNING ...]}: planned as
   * {@code SELECT alias.* FROM target [AS] alias, items [WHERE cond]}, one text so that parameters
   * keep their numbers, whose target rows the statement deletes (each once, however many rows of
   * the USING list it matched, as PostgreSQL does).
   */
  private PlannedStatement deleteUsing(String sql, List<Token> tokens, int using, Parameters params,
      RelOptCluster cluster, HepPlanner planner, PgSession session,
      java.util.Map<String, io.s3vector.sql.session.TableVersion> dependencies) {
    int returning = topLevelWord(tokens, "returning");
    int end = returning < 0 ? tokens.size() : returning;
    int where = topLevelWord(tokens, "where");
    if (tokens.size() < 2 || !tokens.get(1).isWord("from") || using < 3 || using + 1 >= end
        || (where >= 0 && (where < using || where + 1 >= end))) {
      throw syntaxError(sql, tokens.get(Math.min(using, tokens.size() < 2 ? 0 : 1)));
    }
    JoinTarget target = joinTarget(sql, tokens, 2, using);
    CalciteText select = CalciteText.literal("SELECT ", tokens.get(0).start())
        .plus(io.s3vector.sql.catalog.Identifiers.quoteAlways(target.last().text())).plus(".*")
        .plus(" FROM ").plus(CalciteText.of(sql, tokens, 2, using)).plus(", ")
        .plus(CalciteText.of(sql, tokens, using + 1, where >= 0 ? where : end));
    if (where >= 0) {
      select = select.plus(" ").plus(CalciteText.of(sql, tokens, where, end));
    }
    JoinQuery joined = joinQuery(sql, tokens, select, returning >= 0, params, cluster, planner,
        session, dependencies);
    Returning parsedReturning = returning(sql, tokens, returning);
    BoundDml bound = new DmlBinder(joined.ctx()).bindDeleteUsing(target.name(), target.alias(),
        joined.bound(), joined.carried(), parsedReturning.list(), parsedReturning.text());
    return new DmlStatement(sql, bound, params.pgTypes());
  }

  /** A RETURNING list parsed as a SELECT list, and its text; both null without RETURNING. */
  private record Returning(SqlNodeList list, CalciteText text) {}

  /** The RETURNING list that starts at token {@code returning} (-1: none). */
  private Returning returning(String sql, List<Token> tokens, int returning) {
    if (returning < 0) {
      return new Returning(null, null);
    }
    if (returning + 1 >= tokens.size()) {
      throw syntaxError(sql, null);
    }
    // the text parsed, so that its nodes' positions map back into the statement
    CalciteText text = CalciteText.of(sql, tokens, returning + 1, tokens.size()).withPrefix("SELECT ");
    SqlNode select = parse(sql, tokens, text, true);
    return new Returning(((SqlSelect) select).getSelectList(), text);
  }

  private static int topLevelWord(List<Token> tokens, String word) {
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isOp("(")) {
        depth++;
      } else if (t.isOp(")")) {
        depth--;
      } else if (depth == 0 && t.isWord(word)) {
        return i;
      }
    }
    return -1;
  }

  private SqlNode parse(String sql, List<Token> tokens, CalciteText text, boolean query) {
    try {
      SqlParser parser = SqlParser.create(text.text(), PgParserConfig.CONFIG);
      return query ? parser.parseQuery() : parser.parseStmt();
    } catch (SqlParseException e) {
      int offset = -1;
      if (e.getCause() instanceof io.s3vector.sql.parser.impl.ParseException pe
          && pe.currentToken != null && pe.currentToken.next != null) {
        // The token JavaCC could not accept; EOF (kind 0) is PostgreSQL's "end of input".
        io.s3vector.sql.parser.impl.Token next = pe.currentToken.next;
        offset = next.kind == 0 ? -1 : text.originalOffset(next.beginLine, next.beginColumn);
      } else if (e.getPos() != null && e.getPos().getLineNum() > 0) {
        offset = text.originalOffset(e.getPos().getLineNum(), e.getPos().getColumnNum());
      }
      PgException error = syntaxError(sql, offset < 0 ? null : tokenAt(tokens, offset));
      throw new PgException(error.sqlState(), error.getMessage(), null, null, error.position(), e);
    } catch (CalciteException e) {
      throw new PgException(SqlState.SYNTAX_ERROR, "syntax error: " + e.getMessage());
    }
  }

  private static Token tokenAt(List<Token> tokens, int offset) {
    for (Token t : tokens) {
      if (offset >= t.start() && offset < t.end()) {
        return t;
      }
      if (t.start() > offset) {
        return t;
      }
    }
    return null;
  }

  private static PgException syntaxError(String sql, Token at) {
    if (at == null) {
      return new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input", null, null,
          sql.length() + 1, null);
    }
    return new PgException(SqlState.SYNTAX_ERROR,
        "syntax error at or near \"" + sql.substring(at.start(), at.end()) + "\"", null, null,
        at.start() + 1, null);
  }
}
