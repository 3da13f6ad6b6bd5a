package io.s3vector.sql.session;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlSession;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.Statement;
import io.s3vector.sql.TransactionStatus;
import io.s3vector.sql.lex.PgLexer;
import io.s3vector.sql.lex.Token;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.SnapshotTooOldException;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.UniqueViolationException;
import io.s3vector.storage.table.WriteConflictException;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connection's SQL session: settings, the transaction block with its buffered writes, and
 * the prepare/execute entry points. Utility statements are recognised here; everything else goes
 * to the {@link StatementPlanner}.
 */
public final class PgSession implements SqlSession {
  private final Database database;
  private final StatementPlanner planner;
  private final String user;
  private final String databaseName;
  private final Settings settings;
  private final TransactionBlock block = new TransactionBlock();
  /**
   * When the current statement and transaction started (now(), current_timestamp, current_date
   * read the transaction's, as PostgreSQL's do: the same value all through a transaction; a
   * statement outside a block is a transaction of its own).
   */
  private volatile java.time.Instant statementStart = java.time.Instant.EPOCH;
  private volatile java.time.Instant transactionStart = java.time.Instant.EPOCH;
  private final List<Notice> notices = new ArrayList<>();
  /** Prepared statements of Parse and of PREPARE, by name. */
  private final PreparedStatements prepared = new PreparedStatements();
  /** What currval() and lastval() read. */
  private final SessionSequences sequences = new SessionSequences();
  private final CommandProgress progress;
  /** What a shape that could not be planned maps to in {@link #shapes}. */
  private static final Statement UNSHAPED = new Statement() {
    @Override
    public String sql() {
      return "";
    }

    @Override
    public List<io.s3vector.sql.types.PgType> parameterTypes() {
      return List.of();
    }

    @Override
    public List<io.s3vector.sql.ResultColumn> resultColumns() {
      return List.of();
    }
  };
  /** Plans of simple-query statements by their {@link LiteralShape}, the least recently used out. */
  private final Map<String, Statement> shapes = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Statement> eldest) {
      return size() > MAX_SHAPES;
    }
  };
  private static final int MAX_SHAPES = 128;
  private volatile int processId;

  public PgSession(
      Database database,
      StatementPlanner planner,
      String serverVersion,
      String user,
      String databaseName,
      Map<String, String> startupParameters) {
    this(database, planner, serverVersion, user, databaseName, startupParameters,
        new CommandProgress());
  }

  /** A session of a server whose sessions share {@code progress} (the progress views). */
  public PgSession(
      Database database,
      StatementPlanner planner,
      String serverVersion,
      String user,
      String databaseName,
      Map<String, String> startupParameters,
      CommandProgress progress) {
    this.progress = progress;
    this.database = database;
    this.planner = planner;
    this.user = user;
    this.databaseName = databaseName;
    this.settings = new Settings(serverVersion, user, startupParameters);
    settings.drainChangedReported();
  }

  public Database database() {
    return database;
  }

  public Settings settings() {
    return settings;
  }

  public TransactionBlock block() {
    return block;
  }

  public String user() {
    return user;
  }

  public String databaseName() {
    return databaseName;
  }

  /** The server's running CREATE INDEX and COPY commands. */
  public CommandProgress progress() {
    return progress;
  }

  public int processId() {
    return processId;
  }

  @Override
  public void processId(int pid) {
    this.processId = pid;
  }

  /** The values this session's nextval() calls returned (currval, lastval). */
  public SessionSequences sequences() {
    return sequences;
  }

  @Override
  public PreparedStatements preparedStatements() {
    return prepared;
  }

  @Override
  public List<String> splitStatements(String sql) {
    return PgLexer.splitStatements(sql);
  }

  @Override
  public Statement prepare(String sql, int[] paramTypeOids) {
    try {
      List<Token> tokens = PgLexer.tokenize(sql);
      if (tokens.isEmpty() || (tokens.size() == 1 && tokens.get(0).isOp(";"))) {
        return new PlannedStatement(sql) {
          @Override
          public QueryResult execute(PgSession session, Object[] parameters) {
            return new QueryResult.Empty();
          }
        };
      }
      if (tokens.get(tokens.size() - 1).isOp(";")) {
        tokens = tokens.subList(0, tokens.size() - 1);
      }
      if (block.status() == TransactionStatus.FAILED && !isTransactionExit(tokens.get(0))) {
        throw abortedBlock();
      }
      if (tokens.get(0).isWord("prepare")) {
        return SqlPreparedStatements.prepare(sql, tokens);
      }
      if (tokens.get(0).isWord("execute")) {
        return SqlPreparedStatements.execute(sql, tokens, this);
      }
      PlannedStatement owner = OwnerChange.recognise(sql, tokens);
      if (owner != null) {
        return owner;
      }
      PlannedStatement utility = UtilityStatements.recognise(sql, tokens, settings);
      if (utility != null) {
        return utility;
      }
      int[] oids = paramTypeOids == null ? new int[0] : paramTypeOids;
      Map<String, TableVersion> dependencies = new LinkedHashMap<>();
      PlannedStatement planned = planner.plan(sql, tokens, oids, this, dependencies);
      planned.planned(Map.copyOf(dependencies), oids, setting("search_path"));
      return planned;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /**
   * {@inheritDoc} An INSERT, UPDATE or DELETE with constants is planned by its {@link
   * LiteralShape}, once per shape (the plan is kept, and planned again when the tables it read
   * changed, as a prepared statement's is); when the shape cannot be planned, or a constant is
   * not valid input for its parameter's type, the statement is planned as written, so that errors
   * and their positions are those of the text.
   */
  @Override
  public Bound prepareSimple(String sql) {
    LiteralShape shape = null;
    if (block.status() != TransactionStatus.FAILED) {
      try {
        shape = LiteralShape.of(sql, PgLexer.tokenize(sql));
      } catch (RuntimeException e) {
        shape = null; // the plain path reports what is wrong with the text
      }
    }
    if (shape == null) {
      return new Bound(prepare(sql, new int[0]), new Object[0]);
    }
    Statement planned = shapes.get(shape.sql());
    if (planned == null) {
      try {
        planned = prepare(shape.sql(), shape.typeOids());
      } catch (RuntimeException e) {
        // the shape is remembered as one to plan as written only when the text plans (an
        // INSERT into a table created later would otherwise never be planned by its shape)
        Statement written = prepare(sql, new int[0]);
        shapes.put(shape.sql(), UNSHAPED);
        return new Bound(written, new Object[0]);
      }
      shapes.put(shape.sql(), planned);
    }
    if (planned != UNSHAPED) {
      Object[] parameters = shapeParameters(planned, shape);
      if (parameters != null) {
        return new Bound(planned, parameters);
      }
    }
    return new Bound(prepare(sql, new int[0]), new Object[0]);
  }

  /** The shape's constants decoded for the plan's parameter types; null when one does not fit. */
  private static Object[] shapeParameters(Statement planned, LiteralShape shape) {
    List<io.s3vector.sql.types.PgType> types = planned.parameterTypes();
    if (types.size() != shape.values().length) {
      return null;
    }
    Object[] parameters = new Object[types.size()];
    try {
      for (int i = 0; i < parameters.length; i++) {
        io.s3vector.sql.types.PgType type =
            types.get(i) == null ? io.s3vector.sql.types.PgTypes.UNKNOWN : types.get(i);
        parameters[i] = type.decodeText(shape.values()[i]);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return parameters;
  }

  @Override
  public QueryResult execute(Statement statement, Object[] parameters) {
    PlannedStatement planned = ((PlannedStatement) statement).current();
    if (block.status() == TransactionStatus.FAILED && !planned.allowedInFailedBlock()) {
      throw abortedBlock();
    }
    try {
      if (planned.isStale(database, setting("search_path"))) {
        planned = planAgain((PlannedStatement) statement, planned);
      }
      endImplicitTransaction(); // the previous statement's, outside a block
      startStatementClock();
      QueryResult result = planned.execute(this, parameters == null ? new Object[0] : parameters);
      if (result instanceof QueryResult.Rows rows) {
        return new QueryResult.Rows(rows.columns(), translating(rows.cursor()), rows.tagPrefix());
      }
      endImplicitTransaction();
      return result;
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  /**
   * A statement starts (also COPY FROM, which runs outside {@link #execute}); outside a block
   * (BEGIN included) a transaction starts with it.
   */
  public void startStatementClock() {
    java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    statementStart = now;
    if (!block.inBlock()) {
      transactionStart = now;
    }
  }

  /** When the current transaction started (its first statement, or its BEGIN). */
  public java.time.Instant transactionStart() {
    return transactionStart;
  }

  /** When the current statement started. */
  public java.time.Instant statementStart() {
    return statementStart;
  }

  private static boolean isTransactionExit(Token first) {
    return first.isWord("commit") || first.isWord("end") || first.isWord("rollback")
        || first.isWord("abort");
    // (ROLLBACK TO SAVEPOINT is a ROLLBACK too: allowed in a failed block.)
  }

  private static PgException abortedBlock() {
    return new PgException(
        SqlState.IN_FAILED_SQL_TRANSACTION,
        "current transaction is aborted, commands ignored until end of transaction block");
  }

  /**
   * A table the statement was planned for was dropped, recreated or indexed: plan it again, as
   * PostgreSQL invalidates cached plans; a different result row type is refused with
   * PostgreSQL's error (pgjdbc then prepares the statement anew).
   */
  PlannedStatement planAgain(PlannedStatement original, PlannedStatement stale) {
    PlannedStatement fresh = (PlannedStatement) prepare(stale.sql(), stale.paramTypeOids());
    if (!sameResultType(fresh.resultColumns(), stale.resultColumns())) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "cached plan must not change result type");
    }
    original.replaceWith(fresh);
    return fresh;
  }

  /** Same names, types and typmods (a recreated table's columns have another origin: no matter). */
  private static boolean sameResultType(List<ResultColumn> a, List<ResultColumn> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ResultColumn x = a.get(i);
      ResultColumn y = b.get(i);
      if (!x.name().equals(y.name()) || x.type() != y.type() || x.typmod() != y.typmod()) {
        return false;
      }
    }
    return true;
  }

  /** Errors raised while rows are pulled surface as PgException too. */
  private RowCursor translating(RowCursor cursor) {
    return new RowCursor() {
      @Override
      public Object[] next() {
        try {
          return cursor.next();
        } catch (RuntimeException e) {
          throw translate(e);
        }
      }

      @Override
      public void close() {
        cursor.close();
        endImplicitTransaction();
      }
    };
  }

  /** The server's advisory locks (pg_advisory_lock and friends). */
  private io.s3vector.sql.functions.AdvisoryLocks advisoryLocks() {
    return io.s3vector.sql.functions.AdvisoryLocks.of(database);
  }

  /** A statement run outside a block is its own transaction: its xact-level locks end with it. */
  private void endImplicitTransaction() {
    if (!block.inBlock()) {
      advisoryLocks().releaseTransaction(this);
    }
  }

  /**
   * PgException passes through; a read view older than the delete grace is PostgreSQL's
   * "snapshot too old" (72000); other storage failures become 58030; anything else is an internal
   * error (XX000) whose cause the protocol layer logs.
   */
  public static PgException translate(RuntimeException e) {
    if (e instanceof PgException pg) {
      return pg;
    }
    if (e instanceof SnapshotTooOldException old) {
      return new PgException(SqlState.SNAPSHOT_TOO_OLD, "snapshot too old", old.detail(),
          "Run the statement again: it will read the newest version.", 0, e);
    }
    if (e instanceof io.s3vector.storage.table.NullKeyException n) {
      return new PgException(SqlState.NOT_NULL_VIOLATION, n.getMessage(), e);
    }
    if (e instanceof io.s3vector.storage.table.DuplicateKeysException d) {
      return new PgException(SqlState.UNIQUE_VIOLATION, d.getMessage(), "Key ("
          + String.join(", ", d.columns()) + ")=(" + keyText(d.key()) + ") is duplicated.", null, 0, e);
    }
    if (e instanceof UniqueViolationException u) {
      return new PgException(SqlState.UNIQUE_VIOLATION, u.getMessage(), "Key ("
          + String.join(", ", u.columns()) + ")=(" + keyText(u.key()) + ") already exists.", null, 0, e);
    }
    if (e instanceof io.s3vector.storage.table.SequenceExhaustedException exhausted) {
      return new PgException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, exhausted.getMessage(), e);
    }
    if (e instanceof WriteConflictException conflict) {
      return new PgException(SqlState.SERIALIZATION_FAILURE, conflict.getMessage(), e);
    }
    if (e instanceof StorageException) {
      return new PgException(SqlState.IO_ERROR, e.getMessage() == null ? "storage error" : e.getMessage(), e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new PgException(SqlState.INTERNAL_ERROR, message, e);
  }

  /** A key's values as PostgreSQL's DETAIL shows them (their text forms, comma-separated). */
  private static String keyText(Object[] key) {
    StringBuilder out = new StringBuilder();
    for (Object value : key) {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(value == null ? "null"
          : value instanceof Boolean b ? (b ? "t" : "f")
          : value instanceof float[] v ? io.s3vector.sql.types.PgTypes.VECTOR.encodeText(v)
          : value instanceof byte[] b ? io.s3vector.sql.types.PgTypes.BYTEA.encodeText(b)
          : value instanceof java.math.BigDecimal d ? d.toPlainString()
          : value instanceof java.time.LocalDateTime t ? io.s3vector.sql.types.PgTypes.TIMESTAMP.encodeText(t)
          : value instanceof java.time.Instant t ? io.s3vector.sql.types.PgTypes.TIMESTAMPTZ.encodeText(t)
          : value.toString());
    }
    return out.toString();
  }

  @Override
  public TransactionStatus transactionStatus() {
    return block.status();
  }

  @Override
  public void onError() {
    block.fail();
  }

  void begin() {
    if (block.inBlock()) {
      notice(Notice.warning(SqlState.ACTIVE_SQL_TRANSACTION, "there is already a transaction in progress"));
    }
    block.begin();
  }

  /**
   * Runs {@code statement} as one transaction: inside the session's block as any statement, else
   * in a block of its own, committed when it returns and rolled back when it throws (a statement
   * made of several that write, such as a WITH with data-modifying queries).
   */
  public <T> T inOneTransaction(java.util.function.Supplier<T> statement) {
    if (block.inBlock()) {
      return statement.get();
    }
    block.begin();
    T result;
    try {
      result = statement.get();
    } catch (RuntimeException | Error e) {
      endTransaction(false);
      throw e;
    }
    endTransaction(true);
    return result;
  }

  /** COMMIT (or ROLLBACK): returns the tag; COMMIT of a failed block rolls back. */
  String endTransaction(boolean commit) {
    if (!block.inBlock()) {
      notice(Notice.warning(SqlState.NO_ACTIVE_SQL_TRANSACTION, "there is no transaction in progress"));
    }
    boolean failed = block.status() == TransactionStatus.FAILED;
    StagedWrite write = block.end();
    settings.endTransaction();
    advisoryLocks().releaseTransaction(this);
    if (write == null) {
      return commit && !failed ? "COMMIT" : "ROLLBACK";
    }
    try (write) {
      if (!commit || failed) {
        return "ROLLBACK";
      }
      // every table's rows and deletions become visible with one manifest commit, or none do
      write.commit();
    }
    return "COMMIT";
  }

  /** Raises a NOTICE or WARNING for the client. */
  public void notice(Notice notice) {
    // client_min_messages: warning or above hides notices, error or above warnings too
    String min = settings.get("client_min_messages");
    boolean hidden = switch (min == null ? "notice" : min.toLowerCase(java.util.Locale.ROOT)) {
      case "warning" -> notice.severity().equals("NOTICE");
      case "error", "log", "fatal", "panic" -> true;
      default -> false;
    };
    if (!hidden) {
      notices.add(notice);
    }
  }

  @Override
  public List<Notice> drainNotices() {
    List<Notice> out = List.copyOf(notices);
    notices.clear();
    return out;
  }

  @Override
  public Map<String, String> drainChangedReportedSettings() {
    return settings.drainChangedReported();
  }

  @Override
  public String setting(String name) {
    return settings.get(name);
  }

  @Override
  public void close() {
    progress.endAll(this);
    advisoryLocks().releaseSession(this, true);
    StagedWrite write = block.end();
    if (write != null) {
      write.abort(); // a dropped connection rolls back
    }
  }
}
