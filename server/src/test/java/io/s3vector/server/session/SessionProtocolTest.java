package io.s3vector.server.session;

import static io.s3vector.server.protocol.Wire.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.s3vector.server.FakeSqlEngine;
import io.s3vector.server.auth.AuthMethod;
import io.s3vector.server.auth.Authenticator;
import io.s3vector.server.auth.Md5Authenticator;
import io.s3vector.server.protocol.FrameDecoder;
import io.s3vector.server.protocol.Wire;
import io.s3vector.server.protocol.Wire.Msg;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drives one session message by message through an EmbeddedChannel, with its tasks run on the
 * test's thread, and checks the exact backend messages.
 */
class SessionProtocolTest {
  private final FakeSqlEngine engine = new FakeSqlEngine();

  private EmbeddedChannel connect(AuthMethod method) {
    SecureRandom random = new SecureRandom();
    CancelKeys keys = new CancelKeys();
    return new EmbeddedChannel(
        new FrameDecoder(1 << 20),
        new ConnectionHandler(
            ctx ->
                new Session(
                    ctx.channel(),
                    engine,
                    Authenticator.forConnection(method, "alice", "secret", random),
                    keys,
                    random),
            io.s3vector.storage.io.CallerRunsExecutor::new));
  }

  private EmbeddedChannel ready() {
    EmbeddedChannel ch = connect(AuthMethod.TRUST);
    ch.writeInbound(Wire.startup("alice"));
    List<Msg> m = Wire.read(ch);
    assertEquals('Z', m.get(m.size() - 1).type());
    return ch;
  }

  private static List<Msg> send(EmbeddedChannel ch, ByteBuf... frames) {
    for (ByteBuf f : frames) {
      ch.writeInbound(f);
    }
    return Wire.read(ch);
  }

  @Test
  void sslRequestIsRefusedThenStartupSucceedsInPlaintext() {
    EmbeddedChannel ch = connect(AuthMethod.TRUST);
    assertEquals("N", types(send(ch, Wire.requestCode(80877103))));
    assertEquals("N", types(send(ch, Wire.requestCode(80877104))));
    List<Msg> m = send(ch, Wire.startup("alice"));
    assertEquals('R', m.get(0).type());
    assertEquals(0, m.get(0).buf().readInt());
    assertEquals('K', m.get(m.size() - 2).type());
    assertEquals("I", new String(m.get(m.size() - 1).body()));
    Map<String, String> status = new java.util.HashMap<>();
    for (Msg s : m) {
      if (s.type() == 'S') {
        ByteBuf b = s.buf();
        status.put(Wire.cstring(b), Wire.cstring(b));
      }
    }
    assertEquals("16.4", status.get("server_version"));
    assertEquals("UTF8", status.get("client_encoding"));
    assertEquals("on", status.get("integer_datetimes"));
    assertEquals("ISO, MDY", status.get("DateStyle"));
    assertEquals("alice", status.get("session_authorization"));
  }

  @Test
  void protocol2IsRefusedWithFatal08P01() {
    EmbeddedChannel ch = connect(AuthMethod.TRUST);
    List<Msg> m = send(ch, Wire.startup(2 << 16, Map.of("user", "alice")));
    assertFatal(m, "08P01", "unsupported frontend protocol 2.0");
    assertFalse(ch.isActive());
  }

  @Test
  void protocol32IsNegotiatedDownTo30() {
    EmbeddedChannel ch = connect(AuthMethod.TRUST);
    List<Msg> m = send(ch, Wire.startup((3 << 16) | 2, Map.of("user", "alice", "_pq_.x", "1")));
    assertEquals('v', m.get(0).type());
    ByteBuf v = m.get(0).buf();
    assertEquals(3 << 16, v.readInt());
    assertEquals(1, v.readInt());
    assertEquals("_pq_.x", Wire.cstring(v));
    assertEquals('Z', m.get(m.size() - 1).type());
  }

  @Test
  void md5PasswordExchange() {
    EmbeddedChannel ch = connect(AuthMethod.MD5);
    List<Msg> m = send(ch, Wire.startup("alice"));
    assertEquals("R", types(m));
    ByteBuf r = m.get(0).buf();
    assertEquals(5, r.readInt());
    byte[] salt = new byte[4];
    r.readBytes(salt);
    m = send(ch, Wire.password(Md5Authenticator.hash("alice", "secret", salt)));
    assertEquals('R', m.get(0).type());
    assertEquals('Z', m.get(m.size() - 1).type());
  }

  @Test
  void wrongPasswordIsFatal28P01() {
    EmbeddedChannel ch = connect(AuthMethod.PASSWORD);
    assertEquals("R", types(send(ch, Wire.startup("alice"))));
    assertFatal(
        send(ch, Wire.password("nope")), "28P01", "password authentication failed for user \"alice\"");
    assertFalse(ch.isActive());
  }

  @Test
  void unknownUserFailsLikeAWrongPassword() {
    EmbeddedChannel ch = connect(AuthMethod.PASSWORD);
    send(ch, Wire.startup("mallory"));
    assertFatal(
        send(ch, Wire.password("secret")),
        "28P01",
        "password authentication failed for user \"mallory\"");
  }

  @Test
  void malformedFrameClosesTheConnectionWithFatal08P01() {
    EmbeddedChannel ch = ready();
    List<Msg> m = send(ch, Unpooled.buffer().writeByte('Q').writeInt(2));
    assertFatal(m, "08P01", "invalid message length");
    assertFalse(ch.isActive());
    assertEquals(0, engine.openSessions.get());
  }

  @Test
  void simpleQueryRunsEachStatementAndStopsAtTheFirstError() {
    EmbeddedChannel ch = ready();
    List<Msg> m = send(ch, Wire.query("select 1; select 'a'; select boom; select 2"));
    assertEquals("TDCTDCEZ", types(m));
    assertEquals("SELECT 1", m.get(2).text());
    Map<Character, String> error = m.get(6).errorFields();
    assertEquals("ERROR", error.get('S'));
    assertEquals("42703", error.get('C'));
    assertEquals("column \"boom\" does not exist", error.get('M'));
    // the engine's position 8 in "select boom", shifted to the whole query string
    assertEquals("30", error.get('P'));
  }

  @Test
  void emptyQueryString() {
    assertEquals("IZ", types(send(ready(), Wire.query("  ;  "))));
  }

  @Test
  void internalErrorsAreXX000WithoutStackTrace() {
    List<Msg> m = send(ready(), Wire.query("select crash"));
    assertEquals("EZ", types(m));
    assertEquals("XX000", m.get(0).errorFields().get('C'));
    assertEquals("internal error: IllegalStateException: kaboom", m.get(0).errorFields().get('M'));
  }

  @Test
  void failedTransactionBlockReportsE() {
    EmbeddedChannel ch = ready();
    assertEquals("T", new String(send(ch, Wire.query("begin")).get(1).body()));
    List<Msg> m = send(ch, Wire.query("select boom"));
    assertEquals("E", new String(m.get(1).body()));
    m = send(ch, Wire.query("select 1"));
    assertEquals("25P02", m.get(0).errorFields().get('C'));
    m = send(ch, Wire.query("rollback"));
    assertEquals("ROLLBACK", m.get(0).text());
    assertEquals("I", new String(m.get(1).body()));
  }

  @Test
  void extendedProtocolWithDescribe() {
    List<Msg> m =
        send(
            ready(),
            Wire.parse("s1", "select $1, $2", 23),
            Wire.describe('S', "s1"),
            Wire.bind("", "s1", new String[] {"5", null}, (short) 1),
            Wire.describe('P', ""),
            Wire.execute("", 0),
            Wire.sync());
    assertEquals("1tT2TDCZ", types(m));
    ByteBuf params = m.get(1).buf();
    assertEquals(2, params.readShort());
    assertEquals(23, params.readInt());
    assertEquals(25, params.readInt());
    ByteBuf row = m.get(5).buf();
    assertEquals(2, row.readShort());
    assertEquals(4, row.readInt()); // binary int4
    assertEquals(5, row.readInt());
    assertEquals(-1, row.readInt()); // null
    assertEquals("SELECT 1", m.get(6).text());
  }

  @Test
  void errorInExtendedProtocolSkipsToSync() {
    EmbeddedChannel ch = ready();
    List<Msg> m =
        send(
            ch,
            Wire.parse("", "select boom"),
            Wire.bind("", "", new String[0]),
            Wire.execute("", 0),
            Wire.sync());
    assertEquals("EZ", types(m));
    m = send(ch, Wire.parse("", "select 7"), Wire.bind("", "", new String[0]), Wire.execute("", 0), Wire.sync());
    assertEquals("12DCZ", types(m));
  }

  /**
   * asyncpg prepares with Parse, Describe and Flush, and sends Sync only after the answer: the
   * ErrorResponse of a failed Parse must reach it at once (PostgreSQL flushes every error), or the
   * client waits forever.
   */
  @Test
  void anErrorIsSentAtOnceNotHeldUntilSync() {
    EmbeddedChannel ch = ready();
    List<Msg> m = send(ch, Wire.parse("s1", "select boom"), Wire.describe('S', "s1"), Wire.flush());
    assertEquals("E", types(m), "the error, before any Sync");
    assertEquals("Z", types(send(ch, Wire.sync())));
    assertEquals("1Z", types(send(ch, Wire.parse("s2", "select 1"), Wire.sync())));
  }

  @Test
  void namedStatementRulesAndUnknownNames() {
    EmbeddedChannel ch = ready();
    assertEquals("1Z", types(send(ch, Wire.parse("s", "select 1"), Wire.sync())));
    List<Msg> m = send(ch, Wire.parse("s", "select 1"), Wire.sync());
    assertEquals("42P05", m.get(0).errorFields().get('C'));
    assertEquals("prepared statement \"s\" already exists", m.get(0).errorFields().get('M'));
    m = send(ch, Wire.bind("", "nope", new String[0]), Wire.sync());
    assertEquals("26000", m.get(0).errorFields().get('C'));
    m = send(ch, Wire.execute("nope", 0), Wire.sync());
    assertEquals("34000", m.get(0).errorFields().get('C'));
    m = send(ch, Wire.close('S', "s"), Wire.close('S', "never"), Wire.parse("s", "select 2"), Wire.sync());
    assertEquals("331Z", types(m));
  }

  @Test
  void bindWithWrongParameterCountIsAnError() {
    List<Msg> m =
        send(ready(), Wire.parse("", "select $1"), Wire.bind("", "", new String[0]), Wire.sync());
    assertEquals("1EZ", types(m));
    assertEquals("08P01", m.get(1).errorFields().get('C'));
  }

  @Test
  void executeWithMaxRowsSuspendsAndResumes() {
    EmbeddedChannel ch = ready();
    List<Msg> m =
        send(
            ch,
            Wire.query("begin"),
            Wire.parse("", "select x from generate_series(1, 5)"),
            Wire.bind("c1", "", new String[0]),
            Wire.execute("c1", 2),
            Wire.sync());
    assertEquals("CZ12DDsZ", types(m));
    m = send(ch, Wire.execute("c1", 2), Wire.sync());
    assertEquals("DDsZ", types(m));
    m = send(ch, Wire.execute("c1", 2), Wire.sync());
    assertEquals("DCZ", types(m));
    assertEquals("SELECT 1", m.get(1).text());
    m = send(ch, Wire.query("commit"), Wire.execute("c1", 2), Wire.sync());
    assertEquals("CZEZ", types(m)); // the portal ended with its transaction
    assertEquals("34000", m.get(2).errorFields().get('C'));
  }

  @Test
  void settingsChangedByAStatementAreReported() {
    List<Msg> m = send(ready(), Wire.query("set application_name = 'psql'"));
    assertEquals("CSZ", types(m));
    ByteBuf s = m.get(1).buf();
    assertEquals("application_name", Wire.cstring(s));
    assertEquals("psql", Wire.cstring(s));
  }

  @Test
  void terminateClosesAndReleasesTheSession() {
    EmbeddedChannel ch = ready();
    assertEquals(1, engine.openSessions.get());
    send(ch, Wire.terminate());
    assertFalse(ch.isActive());
    ch.runPendingTasks();
    assertEquals(0, engine.openSessions.get());
  }

  private static void assertFatal(List<Msg> m, String code, String message) {
    Msg last = m.get(m.size() - 1);
    assertEquals('E', last.type(), types(m));
    Map<Character, String> f = last.errorFields();
    assertEquals("FATAL", f.get('S'));
    assertEquals(code, f.get('C'));
    assertTrue(f.get('M').startsWith(message), f.get('M'));
  }

  @Test
  void showAndExplainCompleteWithoutARowCount() {
    assertEquals("SHOW", Session.rowsTag("SHOW", 1));
    assertEquals("EXPLAIN", Session.rowsTag("EXPLAIN", 4));
    assertEquals("SELECT 2", Session.rowsTag("SELECT", 2));
  }

  // ---------------------------------------------------------------- COPY FROM STDIN

  @Test
  void simpleCopyInThenTheRestOfTheQuery() {
    EmbeddedChannel ch = ready();
    List<Msg> m = send(ch, Wire.query("copy t from stdin; select 1"));
    assertEquals("G", types(m));
    ByteBuf g = m.get(0).buf();
    assertEquals(0, g.readByte());
    assertEquals(2, g.readShort());
    assertEquals(0, g.readShort());
    assertEquals(0, g.readShort());
    assertFalse(g.isReadable());
    // rows may span CopyData messages
    assertEquals("", types(send(ch, Wire.copyData("a\tb\nc"), Wire.copyData("\td\n"))));
    assertEquals("", types(send(ch, Wire.copyData("e\tf"))));
    m = send(ch, Wire.copyDone());
    assertEquals("CTDCZ", types(m));
    assertEquals("COPY 3", m.get(0).text());
    assertEquals(List.of("a\tb", "c\td", "e\tf"), engine.copiedLines);
    assertEquals("I", new String(m.get(4).body()));
  }

  @Test
  void twoCopiesInOneQuery() {
    EmbeddedChannel ch = ready();
    assertEquals("G", types(send(ch, Wire.query("copy t from stdin; copy t from stdin"))));
    List<Msg> m = send(ch, Wire.copyData("1\n2\n"), Wire.copyDone());
    assertEquals("CG", types(m));
    assertEquals("COPY 2", m.get(0).text());
    m = send(ch, Wire.copyData("3\n"), Wire.copyDone());
    assertEquals("CZ", types(m));
    assertEquals("COPY 1", m.get(0).text());
  }

  @Test
  void badRowEndsTheSimpleCopyAndTheRestOfItsDataIsIgnored() {
    EmbeddedChannel ch = ready();
    assertEquals("G", types(send(ch, Wire.query("copy t from stdin; select 1"))));
    List<Msg> m = send(ch, Wire.copyData("1\nbad\n3\n"));
    // as PostgreSQL: the error, then ReadyForQuery; the statements after the COPY are dropped
    assertEquals("EZ", types(m));
    assertEquals("22P02", m.get(0).errorFields().get('C'));
    assertEquals(1, engine.copyFailures.get());
    assertEquals("", types(send(ch, Wire.copyData("4\n"), Wire.copyDone(), Wire.copyFail("x"))));
    assertEquals("TDCZ", types(send(ch, Wire.query("select 1"))));
    assertTrue(engine.copiedLines.isEmpty());
  }

  @Test
  void javaExceptionInCopyIsXX000AndTheSessionGoesOn() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("copy t from stdin"));
    List<Msg> m = send(ch, Wire.copyData("crash\n"));
    assertEquals("EZ", types(m));
    assertEquals("XX000", m.get(0).errorFields().get('C'));
    assertEquals("TDCZ", types(send(ch, Wire.query("select 1"))));
  }

  @Test
  void copyFailReports57014() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("copy t from stdin"));
    List<Msg> m = send(ch, Wire.copyData("1\n"), Wire.copyFail("client gave up"));
    assertEquals("EZ", types(m));
    assertEquals("57014", m.get(0).errorFields().get('C'));
    assertEquals("COPY from stdin failed: client gave up", m.get(0).errorFields().get('M'));
    assertTrue(engine.copiedLines.isEmpty());
  }

  @Test
  void otherMessagesDuringCopyAreAProtocolViolationError() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("copy t from stdin"));
    List<Msg> m = send(ch, Wire.copyData("1\n"), Wire.query("select 1"));
    assertEquals("EZ", types(m));
    assertEquals("ERROR", m.get(0).errorFields().get('S'));
    assertEquals("08P01", m.get(0).errorFields().get('C'));
    assertEquals(
        "unexpected message type 0x51 during COPY from stdin", m.get(0).errorFields().get('M'));
    assertTrue(ch.isActive());
    assertEquals("TDCZ", types(send(ch, Wire.query("select 1"))));
  }

  @Test
  void copyInAFailedBlockIs25P02WithoutCopyInResponse() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("begin"));
    send(ch, Wire.query("select boom"));
    List<Msg> m = send(ch, Wire.query("copy t from stdin"));
    assertEquals("EZ", types(m));
    assertEquals("25P02", m.get(0).errorFields().get('C'));
  }

  @Test
  void failedCopyInABlockFailsTheBlock() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("begin"));
    send(ch, Wire.query("copy t from stdin"));
    List<Msg> m = send(ch, Wire.copyData("bad\n"));
    assertEquals("EZ", types(m));
    assertEquals("E", new String(m.get(1).body()));
  }

  @Test
  void extendedCopyIgnoresFlushAndSyncUntilCopyDone() {
    EmbeddedChannel ch = ready();
    List<Msg> m =
        send(
            ch,
            Wire.parse("", "copy t from stdin"),
            Wire.bind("", "", new String[0]),
            Wire.describe('P', ""),
            Wire.execute("", 0),
            Wire.sync());
    assertEquals("12nG", types(m));
    // libpq sends the Sync above with the Execute; PostgreSQL ignores it (and Flush) in copy-in
    assertEquals("", types(send(ch, Wire.copyData("x\ny\n"), Wire.flush(), Wire.sync())));
    m = send(ch, Wire.copyDone());
    assertEquals("C", types(m));
    assertEquals("COPY 2", m.get(0).text());
    // ...and sends another Sync after CopyDone
    assertEquals("Z", types(send(ch, Wire.sync())));
    assertEquals(List.of("x", "y"), engine.copiedLines);
  }

  @Test
  void extendedCopyErrorSkipsToSync() {
    EmbeddedChannel ch = ready();
    List<Msg> m =
        send(
            ch,
            Wire.parse("", "copy t from stdin"),
            Wire.bind("", "", new String[0]),
            Wire.execute("", 0));
    assertEquals("12G", types(m));
    m = send(ch, Wire.copyData("bad\n"));
    assertEquals("E", types(m));
    assertEquals("22P02", m.get(0).errorFields().get('C'));
    assertEquals("", types(send(ch, Wire.copyData("more\n"), Wire.copyDone(), Wire.execute("", 0))));
    assertEquals("Z", types(send(ch, Wire.sync())));
    assertEquals("TDCZ", types(send(ch, Wire.query("select 1"))));
  }

  @Test
  void extendedCopyFailSkipsToSync() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.parse("", "copy t from stdin"), Wire.bind("", "", new String[0]),
        Wire.execute("", 0));
    List<Msg> m = send(ch, Wire.copyFail("nope"), Wire.sync());
    assertEquals("EZ", types(m));
    assertEquals("57014", m.get(0).errorFields().get('C'));
  }

  @Test
  void cancelDuringCopyEndsItWith57014() {
    Session[] session = new Session[1];
    SecureRandom random = new SecureRandom();
    EmbeddedChannel ch =
        new EmbeddedChannel(
            new FrameDecoder(1 << 20),
            new ConnectionHandler(
                ctx ->
                    session[0] =
                        new Session(
                            ctx.channel(),
                            engine,
                            Authenticator.forConnection(AuthMethod.TRUST, "alice", "", random),
                            new CancelKeys(),
                            random),
                io.s3vector.storage.io.CallerRunsExecutor::new));
    send(ch, Wire.startup("alice"));
    assertEquals("G", types(send(ch, Wire.query("copy t from stdin"), Wire.copyData("1\n"))));
    session[0].cancelRunningStatement();
    List<Msg> m = send(ch, Wire.copyData("2\n"));
    assertEquals("EZ", types(m));
    assertEquals("57014", m.get(0).errorFields().get('C'));
    assertEquals(1, engine.copyFailures.get());
    assertEquals("", types(send(ch, Wire.copyDone())));
    assertEquals("TDCZ", types(send(ch, Wire.query("select 1"))));
  }

  @Test
  void closingTheConnectionDuringCopyFailsTheCopy() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("copy t from stdin"), Wire.copyData("1\n"));
    ch.close();
    assertEquals(1, engine.copyFailures.get());
    assertEquals(0, engine.openSessions.get());
    assertTrue(engine.copiedLines.isEmpty());
  }

  @Test
  void terminateDuringCopyClosesAndFailsTheCopy() {
    EmbeddedChannel ch = ready();
    send(ch, Wire.query("copy t from stdin"), Wire.copyData("1\n"), Wire.terminate());
    assertFalse(ch.isActive());
    assertEquals(1, engine.copyFailures.get());
  }
}
