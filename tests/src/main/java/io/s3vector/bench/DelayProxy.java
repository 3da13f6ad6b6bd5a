package io.s3vector.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy that adds a fixed latency to every request, to measure cold queries against an S3
 * API server (S3Proxy on loopback answers in ~1 ms, real S3 in 20–50 ms): {@code ./s3vector
 * delay-proxy --listen 19001 --target 127.0.0.1:19000 --delay-ms 20}, then the server's {@code
 * --s3-endpoint http://127.0.0.1:19001}.
 *
 * <p>Listens on 127.0.0.1 and opens one connection to the target per accepted connection. The
 * client→server bytes that start a request wait the delay before they are forwarded; a request
 * starts with the first bytes of a connection, and with the first bytes the client sends after the
 * server has answered (the turn-taking of HTTP/1.1 on a keep-alive connection, without
 * pipelining). Bytes that continue a request go through at once, so a large PUT is delayed once,
 * not per packet. An {@code Expect: 100-continue} body counts as a request of its own: it waits
 * for the server's interim answer, a round trip that real S3 costs too. Responses are not delayed.
 *
 * <p>Blocking sockets, one virtual thread per direction per connection; when either side closes
 * (or fails), both sockets of the connection are closed.
 */
public final class DelayProxy implements AutoCloseable {
  static final String USAGE =
      """
      Usage: s3vector delay-proxy --target HOST:PORT [--listen PORT] [--delay-ms N]
      A TCP proxy on 127.0.0.1 that delays every request by N ms, until killed.
        --target HOST:PORT  where to forward connections (e.g. an S3Proxy: 127.0.0.1:9000)
        --listen PORT       the port to listen on (default 0: a free one, printed at start)
        --delay-ms N        the delay added to each request, in milliseconds (default 20)
      """;

  private static final int BUFFER = 64 * 1024;

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final long delayNanos;
  private final AtomicLong delayedRequests = new AtomicLong();
  private final AtomicLong connections = new AtomicLong();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Starts listening on 127.0.0.1:{@code listenPort} (0: a free port, see {@link #port()}) and
   * forwarding to {@code targetHost:targetPort}, each request delayed by {@code delay}.
   */
  public DelayProxy(int listenPort, String targetHost, int targetPort, Duration delay)
      throws IOException {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative delay " + delay);
    }
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.delayNanos = delay.toNanos();
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 128);
    this.acceptor = Thread.ofVirtual().name("delay-proxy-accept").start(this::acceptLoop);
  }

  /** The port this proxy listens on (on 127.0.0.1). */
  public int port() {
    return server.getLocalPort();
  }

  /** Requests delayed so far, on all connections. */
  public long delayedRequests() {
    return delayedRequests.get();
  }

  /** Connections accepted so far. */
  public long connections() {
    return connections.get();
  }

  /** Stops listening and closes every open connection (both sides). */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Socket s : open) {
      closeQuietly(s);
    }
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      connections.incrementAndGet();
      Thread.ofVirtual().name("delay-proxy-conn").start(() -> connect(client));
    }
  }

  /** Opens the connection to the target, then pumps both directions until either side closes. */
  private void connect(Socket client) {
    open.add(client);
    Socket target = new Socket();
    open.add(target);
    if (closed) { // close() may have run before the two were registered
      closeBoth(client, target);
      return;
    }
    try {
      client.setTcpNoDelay(true);
      target.setTcpNoDelay(true);
      target.connect(new InetSocketAddress(targetHost, targetPort), 10_000);
    } catch (IOException e) {
      closeBoth(client, target);
      return;
    }
    // true once the server has sent bytes since the client last did: the next client bytes start
    // a new request. A new connection starts with a request.
    AtomicBoolean answered = new AtomicBoolean(true);
    Thread.ofVirtual().name("delay-proxy-down").start(() -> {
      try {
        pump(target, client, null, answered);
      } finally {
        closeBoth(client, target);
      }
    });
    try {
      pump(client, target, answered, null);
    } finally {
      closeBoth(client, target);
    }
  }

  /**
   * Copies {@code from} to {@code to} until either fails or ends. Client→server ({@code
   * newRequest} given) delays the bytes that start a request; server→client ({@code answering}
   * given) marks that the server answered.
   */
  private void pump(Socket from, Socket to, AtomicBoolean newRequest, AtomicBoolean answering) {
    byte[] buf = new byte[BUFFER];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        if (newRequest != null && newRequest.getAndSet(false)) {
          delayedRequests.incrementAndGet();
          sleepNanos(delayNanos);
        }
        if (answering != null) {
          // before the bytes go out: once the client has them it may send its next request
          answering.set(true);
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (SocketException e) {
      // the other direction (or close()) closed the sockets, or the peer reset: done
    } catch (IOException e) {
      // the connection failed: done
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sleeps at least {@code nanos} (a timer that wakes early is slept again). */
  private static void sleepNanos(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      Thread.sleep(Duration.ofNanos(left));
    }
  }

  private void closeBoth(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
    open.remove(a);
    open.remove(b);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** The command line. */
  record Options(int listen, String targetHost, int targetPort, long delayMs) {
    static Options parse(String[] args) {
      int listen = 0;
      String host = null;
      int port = -1;
      long delayMs = 20;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("option " + flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--listen" -> listen = number(flag, value, 0, 65535);
          case "--delay-ms" -> delayMs = number(flag, value, 0, 3_600_000);
          case "--target" -> {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || colon == value.length() - 1) {
              throw new IllegalArgumentException("--target must be HOST:PORT, not \"" + value + "\"");
            }
            host = value.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
              host = host.substring(1, host.length() - 1);
            }
            port = number(flag, value.substring(colon + 1), 1, 65535);
          }
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      if (host == null) {
        throw new IllegalArgumentException("--target HOST:PORT is required");
      }
      return new Options(listen, host, port, delayMs);
    }

    private static int number(String flag, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // below
      }
      throw new IllegalArgumentException(flag + " must be a number from " + min + " to " + max
          + ", not \"" + value + "\"");
    }
  }

  public static void main(String[] args) throws Exception {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(USAGE);
        return;
      }
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("delay-proxy: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    DelayProxy proxy;
    try {
      proxy = new DelayProxy(options.listen(), options.targetHost(), options.targetPort(),
          Duration.ofMillis(options.delayMs()));
    } catch (IOException e) {
      System.err.println("delay-proxy: cannot listen on 127.0.0.1:" + options.listen() + ": " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.printf("delay-proxy: %d requests delayed on %d connections%n",
          proxy.delayedRequests(), proxy.connections());
      System.out.flush();
      try {
        proxy.close();
      } catch (IOException e) {
        // exiting anyway
      }
    }));
    System.out.printf("delay-proxy: http://127.0.0.1:%d -> %s:%d, +%d ms per request%n",
        proxy.port(), options.targetHost(), options.targetPort(), options.delayMs());
    System.out.flush();
    Thread.currentThread().join(); // until killed; the hook closes the proxy
  }
}
