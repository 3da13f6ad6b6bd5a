package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.server.protocol.Wire;
import io.s3vector.server.session.DirectSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers written straight to the socket from the session's thread ({@link DirectSocket}): the
 * same bytes in the same order as through the channel, also when the client stops reading and
 * the rest must go through the channel.
 */
class DirectWritesTest {

  @TempDir Path dir;

  @Test
  void availableOnLinuxWithNativeAccess() {
    Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"));
    // the build's test JVMs run with --enable-native-access, as ./s3vector serve does
    assertTrue(DirectSocket.available());
  }

  @Test
  void aClientThatStopsReadingGetsEveryRowInOrder() throws Exception {
    try (RealEngineServer server = RealEngineServer.start(dir);
        Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setReceiveBufferSize(64 << 10); // small enough to fill, large enough to stream
      socket.setSoTimeout(30_000); // bytes out of order would leave a read waiting
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      send(out, Wire.startup("postgres"));
      readUntilReady(in);
      int rows = 100_000;
      send(out, Wire.query("SELECT g, repeat('x', 50) || g FROM generate_series(1, " + rows + ") g"));
      Thread.sleep(500); // the answer (about 8 MB) fills the socket's buffers meanwhile
      int seen = 0;
      while (true) {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        assertTrue(length >= 4 && length < 1 << 20, "message length " + length);
        byte[] body = new byte[length - 4];
        in.readFully(body);
        if (type == 'D') {
          seen++;
          assertEquals(String.valueOf(seen), firstField(body));
        } else if (type == 'Z') {
          break;
        }
      }
      assertEquals(rows, seen);
      // and the connection still answers
      send(out, Wire.query("SELECT 41 + 1"));
      assertEquals("42", firstValue(in));
    }
  }

  @Test
  void closingTheConnectionClosesTheSocket() throws Exception {
    try (RealEngineServer server = RealEngineServer.start(dir);
        Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      send(out, Wire.startup("postgres"));
      readUntilReady(in);
      send(out, Wire.terminate());
      socket.setSoTimeout(10_000);
      // the server's end closes (the duplicate descriptor too): end of stream, not a timeout
      assertEquals(-1, in.read());
    }
  }

  private static void send(OutputStream out, io.netty.buffer.ByteBuf message) throws IOException {
    byte[] bytes = new byte[message.readableBytes()];
    message.readBytes(bytes);
    message.release();
    out.write(bytes);
    out.flush();
  }

  private static void readUntilReady(DataInputStream in) throws IOException {
    while (true) {
      char type = (char) in.readUnsignedByte();
      in.readFully(new byte[in.readInt() - 4]);
      if (type == 'Z') {
        return;
      }
    }
  }

  /** The first column of the first DataRow, reading up to ReadyForQuery. */
  private static String firstValue(DataInputStream in) throws IOException {
    String value = null;
    while (true) {
      char type = (char) in.readUnsignedByte();
      byte[] body = new byte[in.readInt() - 4];
      in.readFully(body);
      if (type == 'D' && value == null) {
        value = firstField(body);
      } else if (type == 'Z') {
        return value;
      }
    }
  }

  /** A DataRow's first column as text (its body: column count, then length and bytes each). */
  private static String firstField(byte[] body) {
    int length = java.nio.ByteBuffer.wrap(body, 2, 4).getInt();
    return new String(body, 6, length, StandardCharsets.UTF_8);
  }
}
