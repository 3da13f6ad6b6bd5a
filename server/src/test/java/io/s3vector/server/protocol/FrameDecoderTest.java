package io.s3vector.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
  private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(1 << 20));

  private ClientMessage decode(ByteBuf frame) {
    channel.writeInbound(frame);
    return channel.readInbound();
  }

  private void started() {
    assertInstanceOf(ClientMessage.Startup.class, decode(Wire.startup("alice")));
  }

  @Test
  void startupMessageWithParameters() {
    ClientMessage.Startup s =
        (ClientMessage.Startup)
            decode(Wire.startup(3 << 16, Map.of("user", "alice", "database", "db")));
    assertEquals(3, s.majorVersion());
    assertEquals(0, s.minorVersion());
    assertEquals("alice", s.parameters().get("user"));
    assertEquals("db", s.parameters().get("database"));
  }

  @Test
  void sslAndGssRequestsKeepTheStartupFraming() {
    assertInstanceOf(ClientMessage.SslRequest.class, decode(Wire.requestCode(80877103)));
    assertInstanceOf(ClientMessage.GssEncRequest.class, decode(Wire.requestCode(80877104)));
    started();
  }

  @Test
  void cancelRequest() {
    assertEquals(new ClientMessage.CancelRequest(7, 42), decode(Wire.cancel(7, 42)));
  }

  @Test
  void framesSplitAcrossReadsAreReassembled() {
    started();
    ByteBuf q = Wire.query("select 1");
    channel.writeInbound(q.readRetainedSlice(3));
    assertNull(channel.readInbound());
    channel.writeInbound(q);
    assertEquals(new ClientMessage.Query("select 1"), channel.readInbound());
  }

  @Test
  void extendedProtocolMessages() {
    started();
    ClientMessage.Parse p = (ClientMessage.Parse) decode(Wire.parse("s1", "select $1", 23));
    assertEquals("s1", p.statementName());
    assertArrayEquals(new int[] {23}, p.parameterTypeOids());
    ClientMessage.Bind b =
        (ClientMessage.Bind) decode(Wire.bind("p", "s1", new String[] {"5", null}, (short) 1));
    assertEquals("p", b.portalName());
    assertArrayEquals("5".getBytes(), b.parameterValues()[0]);
    assertNull(b.parameterValues()[1]);
    assertArrayEquals(new short[] {1}, b.resultFormats());
    assertEquals(
        new ClientMessage.Describe(ClientMessage.Target.PORTAL, "p"), decode(Wire.describe('P', "p")));
    assertEquals(new ClientMessage.Execute("p", 10), decode(Wire.execute("p", 10)));
    assertEquals(
        new ClientMessage.Close(ClientMessage.Target.STATEMENT, "s1"), decode(Wire.close('S', "s1")));
    assertInstanceOf(ClientMessage.Sync.class, decode(Wire.sync()));
    assertInstanceOf(ClientMessage.Flush.class, decode(Wire.flush()));
    assertInstanceOf(ClientMessage.Terminate.class, decode(Wire.terminate()));
  }

  @Test
  void lengthBelowFourIsAViolation() {
    started();
    ByteBuf bad = Unpooled.buffer().writeByte('Q').writeInt(3);
    assertViolation(bad, "invalid message length");
  }

  @Test
  void oversizedFrameIsRefusedBeforeItsBodyArrives() {
    started();
    ByteBuf bad = Unpooled.buffer().writeByte('Q').writeInt(1 << 30);
    assertViolation(bad, "more than the");
  }

  @Test
  void unknownTypeByteIsAViolation() {
    started();
    assertViolation(Wire.typed('z', Unpooled.buffer()), "invalid frontend message type 122");
  }

  @Test
  void bindWhoseCountsOverrunTheBodyIsAViolation() {
    started();
    ByteBuf body = Wire.cstrings("", "");
    body.writeShort(0).writeShort(5).writeInt(1).writeByte('x'); // 5 parameters, 1 present
    assertViolation(Wire.typed('B', body), "insufficient data left in message");
  }

  @Test
  void trailingBytesAreAViolation() {
    started();
    ByteBuf body = Unpooled.buffer().writeBytes(new byte[] {1, 2});
    assertViolation(Wire.typed('S', body), "invalid message format");
  }

  @Test
  void hugeStartupPacketIsAViolation() {
    ByteBuf bad = Unpooled.buffer().writeInt(100_000).writeInt(3 << 16);
    assertViolation(bad, "invalid length of startup packet");
  }

  @Test
  void afterAViolationInputIsDiscarded() {
    started();
    assertViolation(Unpooled.buffer().writeByte('Q').writeInt(2), "invalid message length");
    channel.writeInbound(Wire.query("select 1"));
    assertNull(channel.readInbound());
  }

  private void assertViolation(ByteBuf frame, String expected) {
    DecoderException e = assertThrows(DecoderException.class, () -> channel.writeInbound(frame));
    ProtocolViolation v = assertInstanceOf(ProtocolViolation.class, e.getCause());
    assertTrue(v.getMessage().contains(expected), v.getMessage());
  }
}
