package io.s3vector.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delaying proxy in front of a tiny request/response server on loopback. */
class DelayProxyTest {

  /**
   * An HTTP-like server: each request is a length (int) and that many bytes; the answer is the
   * same length and the bytes reversed. A request of length 0 makes it close the connection.
   */
  private static final class ReverseServer implements AutoCloseable {
    final ServerSocket socket;
    /** Counted down when a connection's handler sees the client go away (EOF or reset). */
    final CountDownLatch clientGone = new CountDownLatch(1);

    ReverseServer() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread.ofVirtual().start(() -> {
        while (true) {
          Socket s;
          try {
            s = socket.accept();
          } catch (IOException e) {
            return;
          }
          Thread.ofVirtual().start(() -> serve(s));
        }
      });
    }

    private void serve(Socket s) {
      try (s) {
        DataInputStream in = new DataInputStream(s.getInputStream());
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        while (true) {
          int length;
          try {
            length = in.readInt();
          } catch (EOFException | SocketException e) {
            clientGone.countDown();
            return;
          }
          if (length == 0) {
            return; // the server closes
          }
          byte[] body = new byte[length];
          in.readFully(body);
          out.writeInt(length);
          out.write(reversed(body));
          out.flush();
        }
      } catch (IOException e) {
        // the test fails on the client side
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  private ReverseServer target;

  @BeforeEach
  void startTarget() throws IOException {
    target = new ReverseServer();
  }

  @AfterEach
  void stopTarget() throws IOException {
    target.close();
  }

  private static byte[] reversed(byte[] b) {
    byte[] r = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[b.length - 1 - i];
    }
    return r;
  }

  private static Socket connect(DelayProxy proxy) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()), 10_000);
    s.setSoTimeout(60_000); // a hang fails the test instead of blocking the build
    return s;
  }

  /** One request/response exchange: sends {@code body}, returns the answer's bytes. */
  private static byte[] exchange(Socket s, byte[] body) throws IOException {
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeInt(body.length);
    out.write(body);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    int length = in.readInt();
    byte[] answer = new byte[length];
    in.readFully(answer);
    return answer;
  }

  @Test
  void bytesGoThroughIntactBothWaysAndALargeRequestIsDelayedOnce() throws Exception {
    Random random = new Random(42);
    byte[] small = new byte[100];
    byte[] large = new byte[8 * 1024 * 1024 + 17]; // many reads of the proxy's 64 KB buffer
    random.nextBytes(small);
    random.nextBytes(large);
    try (DelayProxy proxy = new DelayProxy(0, "127.0.0.1", target.port(), Duration.ofMillis(5));
        Socket s = connect(proxy)) {
      assertArrayEquals(reversed(small), exchange(s, small));
      assertArrayEquals(reversed(large), exchange(s, large));
      assertArrayEquals(reversed(small), exchange(s, small));
      assertEquals(3, proxy.delayedRequests(), "one delay per request, however large");
      assertEquals(1, proxy.connections());
    }
  }

  @Test
  void eachSequentialRequestOnOneConnectionIsDelayed() throws Exception {
    int n = 10;
    Duration delay = Duration.ofMillis(20);
    try (DelayProxy proxy = new DelayProxy(0, "127.0.0.1", target.port(), delay);
        Socket s = connect(proxy)) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        byte[] body = ("request " + i).getBytes();
        assertArrayEquals(reversed(body), exchange(s, body));
      }
      long elapsed = System.nanoTime() - start;
      assertEquals(n, proxy.delayedRequests());
      // a lower bound only: a slow machine makes it longer, never shorter
      assertTrue(elapsed >= n * delay.toNanos(), "elapsed " + elapsed / 1_000_000 + " ms");
    }
  }

  @Test
  void eachConnectionStartsWithADelayedRequest() throws Exception {
    try (DelayProxy proxy = new DelayProxy(0, "127.0.0.1", target.port(), Duration.ZERO)) {
      for (int i = 0; i < 3; i++) {
        try (Socket s = connect(proxy)) {
          assertArrayEquals(new byte[] {3, 2, 1}, exchange(s, new byte[] {1, 2, 3}));
        }
      }
      assertEquals(3, proxy.delayedRequests());
      assertEquals(3, proxy.connections());
    }
  }

  @Test
  void eitherSideClosingClosesTheOther() throws Exception {
    try (DelayProxy proxy = new DelayProxy(0, "127.0.0.1", target.port(), Duration.ofMillis(1))) {
      // the server closes: the client reads the end of the stream
      try (Socket s = connect(proxy)) {
        new DataOutputStream(s.getOutputStream()).writeInt(0);
        assertEquals(-1, readOrEnd(s));
      }
      // the client closes: the server's handler sees the end of the stream
      Socket s = connect(proxy);
      assertArrayEquals(new byte[] {2, 1}, exchange(s, new byte[] {1, 2}));
      s.close();
      assertTrue(target.clientGone.await(30, TimeUnit.SECONDS), "the server saw the client go");
    }
  }

  @Test
  void closingTheProxyClosesItsConnectionsAndStopsListening() throws Exception {
    DelayProxy proxy = new DelayProxy(0, "127.0.0.1", target.port(), Duration.ofMillis(1));
    int port = proxy.port();
    try (Socket s = connect(proxy)) {
      assertArrayEquals(new byte[] {2, 1}, exchange(s, new byte[] {1, 2}));
      proxy.close();
      assertEquals(-1, readOrEnd(s), "an open connection ends when the proxy closes");
      assertTrue(target.clientGone.await(30, TimeUnit.SECONDS), "and so does its upstream side");
    }
    assertThrows(IOException.class, () -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      }
    }, "nothing listens on the port any more");
    proxy.close(); // twice is harmless
  }

  @Test
  void anUnreachableTargetClosesTheClientConnection() throws Exception {
    int freePort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = probe.getLocalPort();
    }
    try (DelayProxy proxy = new DelayProxy(0, "127.0.0.1", freePort, Duration.ofMillis(1));
        Socket s = connect(proxy)) {
      assertEquals(-1, readOrEnd(s));
    }
  }

  @Test
  void theCommandLine() {
    DelayProxy.Options o = DelayProxy.Options.parse(
        new String[] {"--listen", "19001", "--target", "127.0.0.1:19000", "--delay-ms", "30"});
    assertEquals(new DelayProxy.Options(19001, "127.0.0.1", 19000, 30), o);
    assertEquals(new DelayProxy.Options(0, "localhost", 9000, 20),
        DelayProxy.Options.parse(new String[] {"--target", "localhost:9000"}));
    assertThrows(IllegalArgumentException.class, () -> DelayProxy.Options.parse(new String[0]));
    assertThrows(IllegalArgumentException.class,
        () -> DelayProxy.Options.parse(new String[] {"--target", "nohost"}));
    assertThrows(IllegalArgumentException.class,
        () -> DelayProxy.Options.parse(new String[] {"--target", "h:1", "--delay-ms", "x"}));
    assertThrows(IllegalArgumentException.class,
        () -> DelayProxy.Options.parse(new String[] {"--target"}));
  }

  /** A read that treats a reset like the end of the stream: both mean the proxy closed it. */
  private static int readOrEnd(Socket s) throws IOException {
    try {
      return s.getInputStream().read();
    } catch (SocketException e) {
      return -1;
    }
  }
}
