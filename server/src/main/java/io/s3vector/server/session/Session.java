package io.s3vector.server.session;

import io.netty.channel.Channel;
import io.s3vector.server.auth.Authenticator;
import io.s3vector.server.protocol.BackendMessages;
import io.s3vector.server.protocol.ClientMessage;
import io.s3vector.server.protocol.ClientMessage.Bind;
import io.s3vector.server.protocol.ClientMessage.Close;
import io.s3vector.server.protocol.ClientMessage.Describe;
import io.s3vector.server.protocol.ClientMessage.Execute;
import io.s3vector.server.protocol.ClientMessage.Parse;
import io.s3vector.server.protocol.ClientMessage.Target;
import io.s3vector.sql.CopyIn;
import io.s3vector.sql.CopyInStatement;
import io.s3vector.sql.CopyOut;
import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.SqlEngine;
import io.s3vector.sql.SqlSession;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.Statement;
import io.s3vector.sql.session.PreparedStatements;
import io.s3vector.sql.TransactionStatus;
import io.s3vector.sql.types.PgType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's protocol state machine: startup and authentication, then the simple and
 * extended query protocols with their prepared statements and portals.
 *
 * <p>{@link #handle} is called for each client message in order, on the connection's own
 * (virtual) thread, never on a Netty event loop: planning and execution may block. Only {@link
 * #cancelRunningStatement} is called from other threads.
 */
public final class Session {
  private static final Logger LOG = LoggerFactory.getLogger(Session.class);

  /** Statements slower than this are logged. */
  static final long SLOW_STATEMENT_NANOS = 1_000_000_000L;

  /** PostgreSQL's object_not_in_prerequisite_state: running a portal that already ran. */
  private static final String OBJECT_NOT_IN_PREREQUISITE_STATE = "55000";

  /** PostgreSQL's duplicate_cursor: Bind to a named portal that exists. */
  private static final String DUPLICATE_CURSOR = "42P03";

  private enum Phase {
    STARTUP,
    AUTHENTICATING,
    READY,
    CLOSED
  }

  private final Channel channel;
  private final SqlEngine engine;
  private final Authenticator authenticator;
  private final CancelKeys cancelKeys;
  private final RandomGenerator random;
  private final BackendOutput out;
  private final String remoteAddress;
  private final long openedNanos = System.nanoTime();

  private Phase phase = Phase.STARTUP;
  private Map<String, String> startupParameters = Map.of();
  private String user;
  private String database;
  private SqlSession sql;
  /** The implicit transaction of the statements up to the next Sync (or of one simple Query). */
  private ImplicitTransaction implicit;
  private int processId;
  private volatile int secretKey;

  private final Map<String, Portal> portals = new HashMap<>();

  /** After an error in the extended protocol, messages are discarded until Sync. */
  private boolean ignoreTillSync;

  /** The COPY FROM STDIN receiving CopyData, or null. */
  private CopyInProgress copy;

  /**
   * The simple Query being run: its statements after a COPY run once the copy is done, and its
   * ReadyForQuery waits until then.
   */
  private SimpleQuery query;

  private volatile boolean running;
  private volatile boolean cancelRequested;

  public Session(
      Channel channel,
      SqlEngine engine,
      Authenticator authenticator,
      CancelKeys cancelKeys,
      RandomGenerator random) {
    this.channel = channel;
    this.engine = engine;
    this.authenticator = authenticator;
    this.cancelKeys = cancelKeys;
    this.random = random;
    this.out = new BackendOutput(channel);
    this.remoteAddress = String.valueOf(channel.remoteAddress());
  }

  /** Handles one client message; called in order on the connection's thread. */
  /**
   * {@link #handle(ClientMessage)}, told whether another Execute follows this message before the
   * next Sync among the messages already received (a batch: its writes are one transaction).
   */
  public void handle(ClientMessage message, boolean executeFollows) {
    this.executeFollows = executeFollows;
    handle(message);
  }

  /** See {@link #handle(ClientMessage, boolean)}. */
  private boolean executeFollows;

  public void handle(ClientMessage message) {
    if (phase == Phase.CLOSED) {
      return;
    }
    try {
      switch (phase) {
        case STARTUP -> onStartupMessage(message);
        case AUTHENTICATING -> onAuthenticationMessage(message);
        case READY -> onMessage(message);
        case CLOSED -> {}
      }
    } catch (ClientGone e) {
      closeChannel();
    } catch (Fatal e) {
      fatal(e.sqlState, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("internal error on connection from {}", remoteAddress, e);
      fatal(SqlState.INTERNAL_ERROR, "internal error: " + shortReason(e));
    }
  }

  /** The frame decoder found a malformed message: FATAL 08P01, then close this connection. */
  public void protocolViolation(String message) {
    if (phase != Phase.CLOSED) {
      LOG.info("protocol violation from {}: {}", remoteAddress, message);
      fatal(SqlState.PROTOCOL_VIOLATION, message);
    }
  }

  /** The channel has closed: release the SQL session and log the disconnection. */
  public void closed() {
    boolean wasReady = sql != null;
    phase = Phase.CLOSED;
    abandonCopy("connection closed");
    query = null;
    dropPortals();
    if (sql != null) {
      sql.preparedStatements().clear();
    }
    out.discard();
    if (wasReady) {
      cancelKeys.unregister(processId, this);
      try {
        sql.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the SQL session of {} failed", remoteAddress, e);
      }
      long millis = (System.nanoTime() - openedNanos) / 1_000_000;
      LOG.info(
          "disconnection: user={} database={} remote={} duration={} ms",
          user,
          database,
          remoteAddress,
          millis);
    }
  }

  /** Called from the event loop when the channel's writability changes. */
  public void writabilityChanged() {
    out.wakeUp();
  }

  /**
   * The channel closed (on its event loop): the socket written directly is closed too, at once
   * rather than in {@link #closed}, which waits for the session's thread.
   */
  public void socketClosed() {
    out.closeSocket();
  }

  int secretKey() {
    return secretKey;
  }

  /**
   * A CancelRequest named this session: the running statement stops at its next row with 57014.
   * A request that arrives while no statement runs is ignored, as in PostgreSQL.
   */
  void cancelRunningStatement() {
    if (running) {
      cancelRequested = true;
    }
  }

  // ---------------------------------------------------------------- startup and authentication

  private void onStartupMessage(ClientMessage message) {
    switch (message) {
      case ClientMessage.SslRequest r -> refuseEncryption();
      case ClientMessage.GssEncRequest r -> refuseEncryption();
      case ClientMessage.CancelRequest r -> {
        // a cancel connection gets no answer; it is closed once the cancel is delivered
        cancelKeys.cancel(r.processId(), r.secretKey());
        phase = Phase.CLOSED;
        closeChannel();
      }
      case ClientMessage.Startup s -> startup(s);
      default -> throw new Fatal(SqlState.PROTOCOL_VIOLATION, "expected startup message");
    }
  }

  private void refuseEncryption() {
    BackendMessages.encryptionRefused(out.buffer());
    out.flush();
  }

  private void startup(ClientMessage.Startup startup) {
    if (startup.majorVersion() != 3) {
      throw new Fatal(
          SqlState.PROTOCOL_VIOLATION,
          "unsupported frontend protocol " + startup.majorVersion() + "." + startup.minorVersion()
              + ": server supports 3.0 to 3.0");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    List<String> protocolOptions = new ArrayList<>();
    for (Map.Entry<String, String> e : startup.parameters().entrySet()) {
      if (e.getKey().startsWith("_pq_.")) {
        protocolOptions.add(e.getKey());
      } else {
        parameters.put(e.getKey(), e.getValue());
      }
    }
    if (startup.minorVersion() > 0 || !protocolOptions.isEmpty()) {
      // a newer 3.x client (e.g. 3.2) falls back to 3.0 when told so
      BackendMessages.negotiateProtocolVersion(out.buffer(), 0, protocolOptions);
    }
    startupParameters = Map.copyOf(parameters);
    user = parameters.get("user");
    if (user == null || user.isEmpty()) {
      throw new Fatal(
          SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "no PostgreSQL user name specified in startup packet");
    }
    String db = parameters.get("database");
    database = db == null || db.isEmpty() ? user : db;
    if (authenticator.needsPassword()) {
      authenticator.writeRequest(out.buffer());
      out.flush();
      phase = Phase.AUTHENTICATING;
    } else {
      completeStartup();
    }
  }

  private void onAuthenticationMessage(ClientMessage message) {
    switch (message) {
      case ClientMessage.Password p -> {
        if (!authenticator.accepts(user, p.password())) {
          LOG.info("password authentication failed for user \"{}\" from {}", user, remoteAddress);
          throw new Fatal(
              SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
        }
        completeStartup();
      }
      case ClientMessage.Terminate t -> {
        phase = Phase.CLOSED;
        closeChannel();
      }
      default ->
          throw new Fatal(
              SqlState.PROTOCOL_VIOLATION,
              "expected password response, got " + message.getClass().getSimpleName());
    }
  }

  private void completeStartup() {
    try {
      sql = engine.openSession(user, database, startupParameters);
      implicit = new ImplicitTransaction(sql);
    } catch (PgException e) {
      throw new Fatal(e.sqlState(), e.getMessage());
    }
    BackendMessages.authenticationOk(out.buffer());
    Map<String, String> reported = new LinkedHashMap<>();
    reported.put("server_version", orDefault(sql.setting("server_version"), engine.serverVersion()));
    // we speak UTF-8 only, whatever the client asked for
    reported.put("server_encoding", "UTF8");
    reported.put("client_encoding", "UTF8");
    reported.put("DateStyle", orDefault(sql.setting("DateStyle"), "ISO, MDY"));
    reported.put("integer_datetimes", "on");
    reported.put("standard_conforming_strings", "on");
    reported.put("TimeZone", orDefault(sql.setting("TimeZone"), "UTC"));
    reported.put("IntervalStyle", orDefault(sql.setting("IntervalStyle"), "postgres"));
    reported.put("is_superuser", "on");
    reported.put("session_authorization", user);
    reported.put(
        "application_name",
        orDefault(
            sql.setting("application_name"), startupParameters.getOrDefault("application_name", "")));
    // what the engine took from the startup parameters is reported above already
    for (Map.Entry<String, String> e : sql.drainChangedReportedSettings().entrySet()) {
      if (!e.getKey().equals("client_encoding") && !e.getKey().equals("server_encoding")) {
        reported.put(e.getKey(), e.getValue());
      }
    }
    reported.forEach((name, value) -> BackendMessages.parameterStatus(out.buffer(), name, value));
    processId = cancelKeys.register(this, random);
    sql.processId(processId);
    secretKey = random.nextInt();
    BackendMessages.backendKeyData(out.buffer(), processId, secretKey);
    phase = Phase.READY;
    LOG.info("connection authorized: user={} database={} remote={}", user, database, remoteAddress);
    readyForQuery();
  }

  private static String orDefault(String value, String fallback) {
    return value != null ? value : fallback;
  }

  // ---------------------------------------------------------------- ready: dispatch

  private void onMessage(ClientMessage message) {
    if (copy != null) {
      onCopyMessage(message);
      return;
    }
    if (ignoreTillSync
        && !(message instanceof ClientMessage.Sync)
        && !(message instanceof ClientMessage.Terminate)) {
      return;
    }
    switch (message) {
      case ClientMessage.Query q -> simpleQuery(q.sql());
      case Parse p -> extended(() -> parse(p));
      case Bind b -> extended(() -> bind(b));
      case Describe d -> extended(() -> describe(d));
      case Execute e -> extended(() -> execute(e));
      case Close c -> extended(() -> close(c));
      case ClientMessage.Sync s -> {
        ignoreTillSync = false;
        endImplicitTransaction();
        readyForQuery();
      }
      case ClientMessage.Flush f -> out.flush();
      case ClientMessage.Terminate t -> {
        phase = Phase.CLOSED;
        out.flush();
        closeChannel();
      }
      // Outside COPY these are ignored, as PostgreSQL does: they may be the tail of a COPY that
      // failed on our side while the client was still sending data.
      case ClientMessage.CopyData d -> {}
      case ClientMessage.CopyDone d -> {}
      case ClientMessage.CopyFail f -> {}
      case ClientMessage.FunctionCall f -> {
        reportError(
            new PgException(
                SqlState.FEATURE_NOT_SUPPORTED, "fast-path function calls are not supported"));
        readyForQuery();
      }
      case ClientMessage.Startup s -> unexpected(message);
      case ClientMessage.SslRequest s -> unexpected(message);
      case ClientMessage.GssEncRequest s -> unexpected(message);
      case ClientMessage.CancelRequest s -> unexpected(message);
      case ClientMessage.Password s -> unexpected(message);
    }
  }

  private static void unexpected(ClientMessage message) {
    throw new Fatal(
        SqlState.PROTOCOL_VIOLATION,
        "unexpected message " + message.getClass().getSimpleName() + " after startup");
  }

  /** Runs one extended-protocol step; an error is reported and skips to the next Sync. */
  private void extended(Runnable step) {
    try {
      step.run();
    } catch (ClientGone | Fatal e) {
      throw e;
    } catch (RuntimeException | Error e) {
      reportError(e);
      ignoreTillSync = true;
    } finally {
      if (copy == null) {
        endStatement();
      }
    }
  }

  // ---------------------------------------------------------------- simple query protocol

  private void simpleQuery(String text) {
    // a simple Query destroys the unnamed portal, as in PostgreSQL
    closePortal("");
    try {
      List<String> parts = sql.splitStatements(text);
      if (parts.isEmpty()) {
        BackendMessages.emptyQueryResponse(out.buffer());
      }
      query = new SimpleQuery(text, parts);
    } catch (ClientGone | Fatal e) {
      throw e;
    } catch (RuntimeException | Error e) {
      reportError(e);
      readyForQuery();
      return;
    }
    continueSimpleQuery();
  }

  /**
   * Runs the statements of {@link #query} left to run; returns early when one is a COPY FROM
   * STDIN, to be called again when the copy is done. Sends ReadyForQuery at the end or at the
   * first error.
   */
  private void continueSimpleQuery() {
    SimpleQuery q = query;
    try {
      while (q.next < q.parts.size()) {
        String part = q.parts.get(q.next++);
        int at = q.text.indexOf(part, q.searchFrom);
        q.searchFrom = at < 0 ? q.searchFrom : at + part.length();
        try {
          runSimpleStatement(part);
        } catch (PgException e) {
          throw shiftPosition(e, Math.max(at, 0));
        }
        if (copy != null) {
          // CopyInResponse is out; the rest of the query waits for CopyDone
          return;
        }
      }
    } catch (ClientGone | Fatal e) {
      query = null;
      throw e;
    } catch (RuntimeException | Error e) {
      reportError(e);
    } finally {
      if (copy == null) {
        endStatement();
      }
    }
    query = null;
    endImplicitTransaction();
    readyForQuery();
  }

  /** Commits (or, after an error, rolls back) the implicit transaction; reports its failure. */
  private void endImplicitTransaction() {
    try {
      implicit.end();
    } catch (ClientGone | Fatal e) {
      throw e;
    } catch (RuntimeException e) {
      reportError(e);
    }
  }

  private void runSimpleStatement(String text) {
    long start = System.nanoTime();
    beginStatement();
    implicit.beforeStatement(text, query != null && query.next < query.parts.size());
    SqlSession.Bound bound = sql.prepareSimple(text);
    if (bound.statement() instanceof CopyInStatement copyIn) {
      startCopy(copyIn, false, text, start);
      return;
    }
    QueryResult result = sql.execute(bound.statement(), bound.parameters());
    switch (result) {
      case QueryResult.Rows rows -> {
        List<ResultColumn> columns = rows.columns();
        short[] formats = new short[columns.size()];
        BackendMessages.rowDescription(out.buffer(), columns, formats);
        try (RowCursor cursor = rows.cursor()) {
          RowsSent sent = sendRows(cursor, typesOf(columns), formats, 0);
          commandComplete(rowsTag(rows.tagPrefix(), sent.count));
        }
      }
      case QueryResult.Command command -> commandComplete(command.tag());
      case QueryResult.Copy copy -> commandComplete("COPY " + copyOut(copy.out()));
      case QueryResult.Empty empty -> BackendMessages.emptyQueryResponse(out.buffer());
    }
    reportChangedSettings();
    endStatement();
    logIfSlow(start, text);
  }

  // ---------------------------------------------------------------- extended query protocol

  private void parse(Parse p) {
    String name = p.statementName();
    PreparedStatements statements = sql.preparedStatements();
    if (name.isEmpty()) {
      statements.remove("");
    } else {
      statements.checkFree(name);
    }
    List<String> parts = sql.splitStatements(p.sql());
    if (parts.size() > 1) {
      throw new PgException(
          SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
    }
    Statement statement = null;
    if (!parts.isEmpty()) {
      try {
        statement = sql.prepare(parts.get(0), p.parameterTypeOids());
      } catch (PgException e) {
        throw shiftPosition(e, Math.max(p.sql().indexOf(parts.get(0)), 0));
      }
    }
    statements.add(new PreparedStatements.Named(name, p.sql(), statement, false));
    BackendMessages.parseComplete(out.buffer());
  }

  private void bind(Bind b) {
    PreparedStatements.Named statement = sql.preparedStatements().get(b.statementName());
    if (statement == null) {
      throw PreparedStatements.doesNotExist(b.statementName());
    }
    String portalName = b.portalName();
    if (portalName.isEmpty()) {
      closePortal("");
    } else if (portals.containsKey(portalName)) {
      throw new PgException(DUPLICATE_CURSOR, "portal \"" + portalName + "\" already exists");
    }
    Object[] parameters = BindValues.parameters(b, statement);
    short[] resultFormats = BindValues.resultFormats(b, statement);
    portals.put(portalName, new Portal(portalName, statement, parameters, resultFormats));
    BackendMessages.bindComplete(out.buffer());
  }

  private void describe(Describe d) {
    if (d.target() == Target.STATEMENT) {
      PreparedStatements.Named statement = sql.preparedStatements().get(d.name());
      if (statement == null) {
        throw PreparedStatements.doesNotExist(d.name());
      }
      BackendMessages.parameterDescription(out.buffer(), statement.parameterTypes());
      List<ResultColumn> columns = statement.resultColumns();
      describeRows(columns, new short[columns.size()]);
    } else {
      Portal portal = portal(d.name());
      describeRows(portal.statement().resultColumns(), portal.resultFormats());
    }
  }

  private void describeRows(List<ResultColumn> columns, short[] formats) {
    if (columns.isEmpty()) {
      BackendMessages.noData(out.buffer());
    } else {
      BackendMessages.rowDescription(out.buffer(), columns, formats);
    }
  }

  private void execute(Execute e) {
    Portal portal = portal(e.portalName());
    long start = System.nanoTime();
    beginStatement();
    if (!portal.started()) {
      PreparedStatements.Named statement = portal.statement();
      implicit.beforeStatement(statement.sql(), executeFollows);
      if (statement.statement() instanceof CopyInStatement copyIn) {
        startCopy(copyIn, true, statement.sql(), start);
        // the portal has run: a second Execute of it fails as for a completed command
        portal.start(new QueryResult.Command("COPY"));
        return;
      }
      QueryResult result =
          statement.isEmpty()
              ? new QueryResult.Empty()
              : sql.execute(statement.statement(), portal.parameters());
      portal.start(result);
      switch (result) {
        case QueryResult.Rows rows -> {}
        case QueryResult.Command command -> {
          commandComplete(command.tag());
          finishExecute(start, portal);
          return;
        }
        case QueryResult.Copy copy -> {
          commandComplete("COPY " + copyOut(copy.out()));
          finishExecute(start, portal);
          return;
        }
        case QueryResult.Empty empty -> {
          BackendMessages.emptyQueryResponse(out.buffer());
          return;
        }
      }
    } else if (portal.cursor() == null) {
      // it ran to completion before: a row source answers no more rows, a command cannot rerun
      if (portal.tagPrefix() == null) {
        throw new PgException(
            OBJECT_NOT_IN_PREREQUISITE_STATE, "portal \"" + portal.name() + "\" cannot be run");
      }
      commandComplete(rowsTag(portal.tagPrefix(), 0));
      return;
    }
    RowsSent sent;
    try {
      sent = sendRows(portal.cursor(), portal.resultTypes(), portal.resultFormats(), e.maxRows());
    } catch (RuntimeException failure) {
      // a portal that failed mid-way cannot resume: release its cursor now
      portal.close();
      throw failure;
    }
    if (sent.exhausted) {
      portal.close();
      commandComplete(rowsTag(portal.tagPrefix(), sent.count));
    } else {
      BackendMessages.portalSuspended(out.buffer());
    }
    finishExecute(start, portal);
  }

  private void finishExecute(long start, Portal portal) {
    reportChangedSettings();
    logIfSlow(start, portal.statement().sql());
  }

  private void close(Close c) {
    if (c.target() == Target.STATEMENT) {
      // closing a name that does not exist is not an error
      sql.preparedStatements().remove(c.name());
    } else {
      closePortal(c.name());
    }
    BackendMessages.closeComplete(out.buffer());
  }

  private Portal portal(String name) {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new PgException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
    }
    return portal;
  }

  private void closePortal(String name) {
    Portal portal = portals.remove(name);
    if (portal != null) {
      portal.close();
    }
  }

  private void dropPortals() {
    for (Iterator<Portal> it = portals.values().iterator(); it.hasNext(); ) {
      Portal p = it.next();
      it.remove();
      try {
        p.close();
      } catch (RuntimeException e) {
        LOG.warn("closing portal \"{}\" failed", p.name(), e);
      }
    }
  }

  // ---------------------------------------------------------------- COPY FROM STDIN

  /** A COPY FROM STDIN between CopyInResponse and CopyDone/CopyFail. */
  private record CopyInProgress(CopyIn in, boolean extended, String sql, long startNanos) {}

  /** A simple Query's statements and how far it has got. */
  private static final class SimpleQuery {
    final String text;
    final List<String> parts;
    int next;
    int searchFrom;

    SimpleQuery(String text, List<String> parts) {
      this.text = text;
      this.parts = parts;
    }
  }

  /**
   * Begins a COPY FROM STDIN: the SQL layer starts it (25P02 in a failed block is raised before
   * anything is sent), then CopyInResponse tells the client to send its data. The statement stays
   * "running" (cancellable) until CopyDone or CopyFail.
   */
  private void startCopy(CopyInStatement statement, boolean extended, String text, long start) {
    CopyIn in = statement.start(sql);
    BackendMessages.copyInResponse(out.buffer(), statement.format(), statement.columnCount());
    copy = new CopyInProgress(in, extended, text, start);
    // the client waits for CopyInResponse before it sends any data
    out.flush();
  }

  /**
   * A message while copy-in is running. CopyData is stored as it arrives (the SQL layer parses
   * and appends in batches, so nothing grows with the size of the copy); Flush and Sync are
   * ignored as PostgreSQL does, for clients that send them without noticing the statement was a
   * COPY; anything else is a protocol violation that aborts the copy.
   */
  private void onCopyMessage(ClientMessage message) {
    CopyInProgress c = copy;
    switch (message) {
      case ClientMessage.CopyData d -> {
        try {
          checkCancelled();
          c.in().data(d.data());
        } catch (ClientGone | Fatal e) {
          throw e;
        } catch (RuntimeException | Error e) {
          copyFailed(e);
        }
      }
      case ClientMessage.CopyDone d -> {
        long rows;
        try {
          checkCancelled();
          rows = c.in().done();
        } catch (ClientGone | Fatal e) {
          throw e;
        } catch (RuntimeException | Error e) {
          copyFailed(e);
          return;
        }
        copy = null;
        commandComplete("COPY " + rows);
        reportChangedSettings();
        logIfSlow(c.startNanos(), c.sql());
        if (c.extended()) {
          // ReadyForQuery waits for the client's Sync
          endStatement();
          out.flush();
        } else {
          continueSimpleQuery();
        }
      }
      case ClientMessage.CopyFail f -> {
        copy = null;
        PgException error;
        try {
          error = c.in().fail(f.reason());
        } catch (RuntimeException e) {
          LOG.warn("CopyIn.fail failed for {}", remoteAddress, e);
          error = new PgException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + f.reason());
        }
        endCopyWithError(c, error);
      }
      case ClientMessage.Flush f -> {}
      case ClientMessage.Sync s -> {}
      case ClientMessage.Terminate t -> {
        abandonCopy("connection terminated");
        phase = Phase.CLOSED;
        out.flush();
        closeChannel();
      }
      default ->
          copyFailed(
              new PgException(
                  SqlState.PROTOCOL_VIOLATION,
                  String.format(
                      "unexpected message type 0x%02X during COPY from stdin",
                      (int) ClientMessage.typeByte(message))));
    }
  }

  /**
   * {@code data} or {@code done} failed (a bad row, a cancel, a protocol violation): the copy ends
   * with that error; its unstored rows are forgotten.
   */
  private void copyFailed(Throwable error) {
    CopyInProgress c = copy;
    copy = null;
    try {
      c.in().fail("error");
    } catch (RuntimeException e) {
      LOG.warn("CopyIn.fail failed for {}", remoteAddress, e);
    }
    endCopyWithError(c, error);
  }

  /**
   * Reports the error that ended a copy. As in PostgreSQL, a simple Query ends here
   * (ReadyForQuery, its remaining statements discarded) and an extended one skips to Sync; the
   * CopyData/CopyDone/CopyFail the client still sends are then ignored by {@link #onMessage}.
   */
  private void endCopyWithError(CopyInProgress c, Throwable error) {
    reportError(error);
    endStatement();
    if (c.extended()) {
      ignoreTillSync = true;
      out.flush();
    } else {
      query = null;
      readyForQuery();
    }
  }

  /** The connection ends during a copy: forget its rows not yet stored. */
  private void abandonCopy(String reason) {
    CopyInProgress c = copy;
    copy = null;
    if (c != null) {
      try {
        c.in().fail(reason);
      } catch (RuntimeException e) {
        LOG.warn("CopyIn.fail failed for {}", remoteAddress, e);
      }
      endStatement();
    }
  }

  // ---------------------------------------------------------------- COPY TO STDOUT

  /**
   * Sends a COPY TO STDOUT: CopyOutResponse, one CopyData per row as PostgreSQL does, CopyDone;
   * returns the rows sent. Written through {@link BackendOutput} like DataRows, so a client that
   * reads slowly holds the copy back instead of the whole result piling up here. An error part
   * way (a failing read, a cancel) is reported by the caller as an ErrorResponse in place of
   * CopyDone, which clients accept during copy-out; the query's cursor is released either way.
   */
  private long copyOut(CopyOut copy) {
    try (copy) {
      BackendMessages.copyOutResponse(out.buffer(), copy.format(), copy.columnCount());
      while (true) {
        checkCancelled();
        if (!copy.next()) {
          break;
        }
        BackendMessages.copyData(out.buffer(), copy.bytes(), copy.length());
        out.flushIfFull();
      }
      BackendMessages.copyDone(out.buffer());
      return copy.rows();
    }
  }

  // ---------------------------------------------------------------- results and errors

  private record RowsSent(int count, boolean exhausted) {}

  /** Sends up to {@code maxRows} rows (all when {@code maxRows <= 0}) as DataRows. */
  private RowsSent sendRows(RowCursor cursor, PgType[] types, short[] formats, int maxRows) {
    int count = 0;
    while (maxRows <= 0 || count < maxRows) {
      checkCancelled();
      Object[] row = cursor.next();
      if (row == null) {
        return new RowsSent(count, true);
      }
      var buffer = out.buffer();
      int mark = buffer.writerIndex();
      try {
        BackendMessages.dataRow(buffer, row, types, formats);
      } catch (RuntimeException e) {
        // never leave half a DataRow in the stream
        buffer.writerIndex(mark);
        throw e;
      }
      count++;
      out.flushIfFull();
    }
    // PostgreSQL suspends when the limit is reached, even if no row is left
    return new RowsSent(count, false);
  }

  private void checkCancelled() {
    if (!channel.isActive()) {
      throw new ClientGone();
    }
    if (cancelRequested) {
      cancelRequested = false;
      throw new PgException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    }
  }

  private void beginStatement() {
    cancelRequested = false;
    running = true;
  }

  private void endStatement() {
    running = false;
    cancelRequested = false;
  }

  /**
   * The engine reports error positions within the one statement it was given; the client wants
   * them within the text it sent (psql draws its caret from it).
   */
  private static PgException shiftPosition(PgException e, int offset) {
    if (e.position() <= 0 || offset == 0) {
      return e;
    }
    return e.shifted(offset);
  }

  private static PgType[] typesOf(List<ResultColumn> columns) {
    PgType[] types = new PgType[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type();
    }
    return types;
  }

  private void reportChangedSettings() {
    Map<String, String> changed = sql.drainChangedReportedSettings();
    if (changed != null) {
      changed.forEach((name, value) -> BackendMessages.parameterStatus(out.buffer(), name, value));
    }
  }

  private void readyForQuery() {
    TransactionStatus status = sql.transactionStatus();
    BackendMessages.readyForQuery(out.buffer(), status.indicator());
    if (status == TransactionStatus.IDLE) {
      // portals live until the end of their transaction
      dropPortals();
    }
    out.flush();
  }

  /**
   * The tag of a statement that returned rows: the prefix and the row count ({@code SELECT 3}),
   * except for SHOW and EXPLAIN, which PostgreSQL completes without a count.
   */
  static String rowsTag(String prefix, int count) {
    return prefix.equals("SHOW") || prefix.equals("EXPLAIN") ? prefix : prefix + " " + count;
  }

  /** CommandComplete, after the notices the statement raised. */
  private void commandComplete(String tag) {
    sendNotices();
    BackendMessages.commandComplete(out.buffer(), tag);
  }

  /** NoticeResponse for each NOTICE/WARNING the SQL layer raised since the last call. */
  private void sendNotices() {
    List<Notice> notices = sql.drainNotices();
    if (notices == null) {
      return;
    }
    for (Notice n : notices) {
      BackendMessages.noticeResponse(
          out.buffer(),
          n.severity() == null ? "NOTICE" : n.severity(),
          n.sqlState() == null ? "00000" : n.sqlState(),
          n.message(), n.detail());
    }
  }

  /** Sends an ERROR for a failed statement; the session stays usable. */
  private void reportError(Throwable e) {
    PgException pg;
    if (e instanceof PgException p) {
      pg = p;
      if (LOG.isDebugEnabled()) {
        LOG.debug("statement failed for {}: {} {}", remoteAddress, p.sqlState(), p.getMessage());
      }
    } else if (e instanceof StackOverflowError) {
      pg = new PgException("54001", "stack depth limit exceeded");
    } else {
      LOG.error("internal error on connection from {}", remoteAddress, e);
      pg = new PgException(SqlState.INTERNAL_ERROR, "internal error: " + shortReason(e));
    }
    try {
      // what the statement said before it failed comes first, as in PostgreSQL
      sendNotices();
    } catch (RuntimeException again) {
      LOG.error("SqlSession.drainNotices failed for {}", remoteAddress, again);
    }
    BackendMessages.errorResponse(
        out.buffer(),
        "ERROR",
        pg.sqlState() == null ? SqlState.INTERNAL_ERROR : pg.sqlState(),
        pg.getMessage(),
        pg.detail(),
        pg.hint(),
        pg.position(),
        pg.context());
    // sent at once, as PostgreSQL does: a client that prepares with Parse/Describe/Flush (asyncpg)
    // waits for this answer before it sends the Sync that would otherwise flush it
    out.flush();
    try {
      sql.onError();
    } catch (RuntimeException again) {
      LOG.error("SqlSession.onError failed for {}", remoteAddress, again);
    }
  }

  /** Sends a FATAL error and closes the connection. */
  private void fatal(String sqlState, String message) {
    phase = Phase.CLOSED;
    BackendMessages.errorResponse(out.buffer(), "FATAL", sqlState, message, null, null, 0, null);
    out.flush();
    closeChannel();
  }

  private void closeChannel() {
    out.flush();
    out.closeSocket();
    channel.close();
  }

  private static String shortReason(Throwable e) {
    String message = e.getMessage();
    String reason = e.getClass().getSimpleName();
    if (message != null && !message.isBlank()) {
      String firstLine = message.lines().findFirst().orElse("");
      reason += ": " + (firstLine.length() > 200 ? firstLine.substring(0, 200) + "..." : firstLine);
    }
    return reason;
  }

  private void logIfSlow(long startNanos, String text) {
    long elapsed = System.nanoTime() - startNanos;
    if (elapsed > SLOW_STATEMENT_NANOS) {
      String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
      LOG.info(
          "slow statement: {} ms, user={} remote={}: {}",
          elapsed / 1_000_000,
          user,
          remoteAddress,
          shown.replaceAll("\\s+", " "));
    }
  }

  /** A FATAL error: sent, then the connection closes. */
  private static final class Fatal extends RuntimeException {
    final String sqlState;

    Fatal(String sqlState, String message) {
      super(message, null, false, false);
      this.sqlState = sqlState;
    }
  }

  /** The client went away while we were sending: stop quietly. */
  private static final class ClientGone extends RuntimeException {
    ClientGone() {
      super(null, null, false, false);
    }
  }
}
