package io.s3vector.server;

import io.s3vector.sql.CopyIn;
import io.s3vector.sql.CopyInStatement;
import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlEngine;
import io.s3vector.sql.SqlSession;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.Statement;
import io.s3vector.sql.TransactionStatus;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny SqlEngine that understands just enough SQL to exercise the protocol: literals, echoed
 * parameters, generated rows, transactions, SET application_name, and a few statements that fail
 * on purpose. Not a SQL implementation.
 *
 * <ul>
 *   <li>{@code select 42} / {@code select 'abc'} / {@code select null}
 *   <li>{@code select $1, $2} echoes the parameters (types from Parse, else text)
 *   <li>{@code select x from generate_series(1, n)}: int4 rows 1..n; {@code select slow from ...}
 *       sleeps 10 ms per row
 *   <li>{@code select vec}: one vector [1,2,3]
 *   <li>{@code select boom}: 42703 at prepare; {@code select crash}: a Java exception at execute
 *   <li>{@code begin}, {@code commit}, {@code rollback}, {@code set application_name = 'x'},
 *       {@code insert ...} (INSERT 0 1)
 *   <li>{@code copy t from stdin}: a two-column text COPY that keeps its lines in {@link
 *       #copiedLines}; a line {@code bad} fails with 22P02, a line {@code crash} with a Java
 *       exception. {@code copy sink from stdin} hands each payload to {@link #copySink}.
 * </ul>
 */
public final class FakeSqlEngine implements SqlEngine {
  private static final Pattern SERIES =
      Pattern.compile("select (x|slow) from generate_series\\(1, *(\\d+)\\)");
  private static final Pattern PARAM = Pattern.compile("\\$(\\d+)");
  private static final Pattern SET_APP =
      Pattern.compile("set application_name *(?:=|to) *'([^']*)'");

  /** Sessions opened and not yet closed: tests check connections release their session. */
  public final AtomicInteger openSessions = new AtomicInteger();

  /** How many times prepare ran: named statements are prepared once, then reused. */
  public final AtomicInteger prepares = new AtomicInteger();

  /** The lines stored by {@code copy t from stdin} (at CopyDone). */
  public final List<String> copiedLines = Collections.synchronizedList(new ArrayList<>());

  /** How many times {@link CopyIn#fail} was called. */
  public final AtomicInteger copyFailures = new AtomicInteger();

  /** Receives the payloads of {@code copy sink from stdin}. */
  public volatile Consumer<byte[]> copySink = payload -> {};

  private record FakeCopy(String sql, boolean sink) implements CopyInStatement {
    @Override
    public List<PgType> parameterTypes() {
      return List.of();
    }

    @Override
    public List<ResultColumn> resultColumns() {
      return List.of();
    }

    @Override
    public int format() {
      return 0;
    }

    @Override
    public int columnCount() {
      return 2;
    }

    @Override
    public CopyIn start(SqlSession session) {
      if (session.transactionStatus() == TransactionStatus.FAILED) {
        throw new PgException(
            SqlState.IN_FAILED_SQL_TRANSACTION,
            "current transaction is aborted, commands ignored until end of transaction block");
      }
      return session instanceof FakeSession fake ? fake.engine().new FakeCopyIn(sink) : null;
    }
  }

  private final class FakeCopyIn implements CopyIn {
    private final boolean sink;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final List<String> lines = new ArrayList<>();
    private long sunk;

    FakeCopyIn(boolean sink) {
      this.sink = sink;
    }

    @Override
    public void data(byte[] payload) {
      if (sink) {
        copySink.accept(payload);
        sunk += payload.length;
        return;
      }
      for (byte b : payload) {
        if (b != '\n') {
          partial.write(b);
          continue;
        }
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (line.equals("bad")) {
          throw new PgException(
              "22P02",
              "invalid input syntax for type integer: \"bad\"",
              null,
              null,
              0,
              null);
        }
        if (line.equals("crash")) {
          throw new IllegalStateException("copy kaboom");
        }
        lines.add(line);
      }
    }

    @Override
    public long done() {
      if (sink) {
        return sunk;
      }
      if (partial.size() > 0) {
        data(new byte[] {'\n'});
      }
      copiedLines.addAll(lines);
      return lines.size();
    }

    @Override
    public PgException fail(String reason) {
      copyFailures.incrementAndGet();
      return new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + reason);
    }
  }

  @Override
  public SqlSession openSession(String user, String database, Map<String, String> params) {
    if (database.equals("nosuchdb")) {
      throw new PgException("3D000", "database \"nosuchdb\" does not exist");
    }
    openSessions.incrementAndGet();
    return new FakeSession(params);
  }

  @Override
  public String serverVersion() {
    return "16.4";
  }

  private record FakeStatement(
      String sql, String kind, List<PgType> parameterTypes, List<ResultColumn> resultColumns)
      implements Statement {}

  private final class FakeSession implements SqlSession {
    private final io.s3vector.sql.session.PreparedStatements prepared =
        new io.s3vector.sql.session.PreparedStatements();

    @Override
    public io.s3vector.sql.session.PreparedStatements preparedStatements() {
      return prepared;
    }
    private TransactionStatus status = TransactionStatus.IDLE;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> changed = new LinkedHashMap<>();

    FakeSqlEngine engine() {
      return FakeSqlEngine.this;
    }

    FakeSession(Map<String, String> params) {
      settings.put("application_name", params.getOrDefault("application_name", ""));
    }

    @Override
    public List<String> splitStatements(String sql) {
      List<String> out = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      boolean quoted = false;
      for (char c : sql.toCharArray()) {
        if (c == '\'') {
          quoted = !quoted;
        }
        if (c == ';' && !quoted) {
          add(out, current);
          current.setLength(0);
        } else {
          current.append(c);
        }
      }
      add(out, current);
      return out;
    }

    private static void add(List<String> out, StringBuilder s) {
      String t = s.toString().trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }

    @Override
    public Statement prepare(String sql, int[] paramTypeOids) {
      prepares.incrementAndGet();
      String s = sql.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (s.equals("copy t from stdin") || s.equals("copy sink from stdin")) {
        return new FakeCopy(sql, s.startsWith("copy sink"));
      }
      if (s.startsWith("insert ")) {
        List<PgType> types = new ArrayList<>();
        for (int i = 0; i < parameterCount(s); i++) {
          PgType t = i < paramTypeOids.length ? PgTypes.byOid(paramTypeOids[i]) : null;
          types.add(t == null ? PgTypes.TEXT : t);
        }
        return new FakeStatement(sql, "insert", types, List.of());
      }
      if (s.equals("begin") || s.equals("commit") || s.equals("rollback")
          || SET_APP.matcher(s).matches()) {
        return new FakeStatement(sql, s.split(" ")[0], List.of(), List.of());
      }
      if (s.equals("select boom")) {
        throw new PgException(
            SqlState.UNDEFINED_COLUMN, "column \"boom\" does not exist", null, null, 8, null);
      }
      if (s.equals("select assert")) {
        throw new AssertionError("an Error, not an Exception");
      }
      if (s.equals("select crash")) {
        return new FakeStatement(sql, "crash", List.of(), List.of(ResultColumn.of("c", PgTypes.INT4)));
      }
      if (s.equals("select vec")) {
        return new FakeStatement(sql, "vec", List.of(), List.of(ResultColumn.of("vec", PgTypes.VECTOR)));
      }
      Matcher series = SERIES.matcher(s);
      if (series.matches()) {
        return new FakeStatement(
            sql, s, List.of(), List.of(ResultColumn.of(series.group(1), PgTypes.INT4)));
      }
      int n = parameterCount(s);
      if (n > 0) {
        List<PgType> types = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          PgType t = i < paramTypeOids.length ? PgTypes.byOid(paramTypeOids[i]) : null;
          types.add(t == null ? PgTypes.TEXT : t);
          columns.add(ResultColumn.of("?column?", types.get(i)));
        }
        return new FakeStatement(sql, "echo", types, columns);
      }
      if (s.matches("select -?\\d+")) {
        return new FakeStatement(sql, s, List.of(), List.of(ResultColumn.of("?column?", PgTypes.INT4)));
      }
      if (s.matches("select '[^']*'") || s.equals("select null")) {
        return new FakeStatement(sql, s, List.of(), List.of(ResultColumn.of("?column?", PgTypes.TEXT)));
      }
      throw new PgException(
          SqlState.SYNTAX_ERROR, "syntax error at or near \"" + sql.split("\\s+")[0] + "\"");
    }

    private static int parameterCount(String s) {
      Matcher params = PARAM.matcher(s);
      int n = 0;
      while (params.find()) {
        n = Math.max(n, Integer.parseInt(params.group(1)));
      }
      return n;
    }

    @Override
    public QueryResult execute(Statement statement, Object[] parameters) {
      FakeStatement st = (FakeStatement) statement;
      String kind = st.kind();
      if (status == TransactionStatus.FAILED && !kind.equals("commit") && !kind.equals("rollback")) {
        throw new PgException(
            SqlState.IN_FAILED_SQL_TRANSACTION,
            "current transaction is aborted, commands ignored until end of transaction block");
      }
      switch (kind) {
        case "begin" -> {
          status = TransactionStatus.IN_BLOCK;
          return new QueryResult.Command("BEGIN");
        }
        case "commit" -> {
          String tag = status == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT";
          status = TransactionStatus.IDLE;
          return new QueryResult.Command(tag);
        }
        case "rollback" -> {
          status = TransactionStatus.IDLE;
          return new QueryResult.Command("ROLLBACK");
        }
        case "insert" -> {
          return new QueryResult.Command("INSERT 0 1");
        }
        case "set" -> {
          Matcher m = SET_APP.matcher(st.sql().trim().toLowerCase(Locale.ROOT));
          m.matches();
          settings.put("application_name", m.group(1));
          changed.put("application_name", m.group(1));
          return new QueryResult.Command("SET");
        }
        case "crash" -> throw new IllegalStateException("kaboom");
        case "vec" -> {
          return rows(st, List.<Object[]>of(new Object[] {new float[] {1, 2, 3}}));
        }
        case "echo" -> {
          return rows(st, List.<Object[]>of(parameters.clone()));
        }
        default -> {}
      }
      Matcher series = SERIES.matcher(kind);
      if (series.matches()) {
        int n = Integer.parseInt(series.group(2));
        boolean slow = series.group(1).equals("slow");
        int[] next = {1};
        RowCursor cursor =
            () -> {
              if (next[0] > n) {
                return null;
              }
              if (slow) {
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              }
              return new Object[] {next[0]++};
            };
        return new QueryResult.Rows(st.resultColumns(), cursor, "SELECT");
      }
      String literal = kind.substring("select ".length());
      Object value =
          literal.equals("null")
              ? null
              : literal.startsWith("'") ? literal.substring(1, literal.length() - 1)
              : (Object) Integer.valueOf(literal);
      return rows(st, List.<Object[]>of(new Object[] {value}));
    }

    private static QueryResult rows(FakeStatement st, List<Object[]> rows) {
      var it = rows.iterator();
      return new QueryResult.Rows(
          st.resultColumns(), () -> it.hasNext() ? it.next() : null, "SELECT");
    }

    @Override
    public TransactionStatus transactionStatus() {
      return status;
    }

    @Override
    public void onError() {
      if (status == TransactionStatus.IN_BLOCK) {
        status = TransactionStatus.FAILED;
      }
    }

    @Override
    public Map<String, String> drainChangedReportedSettings() {
      Map<String, String> out = Map.copyOf(changed);
      changed.clear();
      return out;
    }

    @Override
    public String setting(String name) {
      return settings.get(name);
    }

    @Override
    public void close() {
      openSessions.decrementAndGet();
    }
  }
}
