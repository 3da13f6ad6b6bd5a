package io.s3vector.storage.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for tests: on 127.0.0.1, a free port, no persistence, its own temp
 * folder. Either try-with-resources ({@code try (var redis = RedisServerProcess.start())}) or a
 * static {@code @RegisterExtension} field, which starts it before the class's tests and stops it
 * after. A shutdown hook kills the process if the JVM dies first, so no test leaks a server.
 *
 * <p>Faults on demand: {@link #kill} (SIGKILL), {@link #restart} on the same port (empty again),
 * {@link #pause} / {@link #resume} (SIGSTOP / SIGCONT: connections stay open, nothing answers).
 */
public final class RedisServerProcess implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  static final String MISSING =
      "redis-server is missing: apt-get install redis-server (or run .ci/install-deps)";
  private static final long START_TIMEOUT_MS = 10_000;

  private int port;
  private Path dir;
  private Process process;
  private Thread shutdownHook;

  /** An unstarted fixture, for {@code @RegisterExtension}. */
  public RedisServerProcess() {}

  /** A started server. */
  public static RedisServerProcess start() {
    RedisServerProcess redis = new RedisServerProcess();
    redis.launch(0);
    return redis;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    launch(0);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:port}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL, as a crash would: clients see their connections reset. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Kills the server if it runs and starts a fresh, empty one on the same port. */
  public synchronized void restart() {
    kill();
    launch(port);
  }

  /** SIGSTOP: the server stops answering but keeps its connections. */
  public void pause() {
    signal("-STOP");
  }

  /** SIGCONT after {@link #pause}. */
  public void resume() {
    signal("-CONT");
  }

  /** Kills the server and removes its folder; safe to call twice. */
  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      resume(); // a stopped process still dies of SIGKILL, but be explicit for waitFor
    }
    kill();
    process = null;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or will: nothing to remove
      }
      shutdownHook = null;
    }
    deleteDir();
  }

  private synchronized void launch(int wantedPort) {
    Path exe = findRedisServer();
    if (exe == null) {
      throw new IllegalStateException(MISSING);
    }
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("redis-test-");
      }
      // a free port can be taken between probing and binding: try a few when any port will do
      IllegalStateException last = null;
      for (int attempt = 0; attempt < (wantedPort == 0 ? 3 : 1); attempt++) {
        port = wantedPort != 0 ? wantedPort : freePort();
        process =
            new ProcessBuilder(
                    List.of(
                        exe.toString(),
                        "--port", Integer.toString(port),
                        "--bind", "127.0.0.1",
                        "--save", "",
                        "--appendonly", "no",
                        "--daemonize", "no",
                        "--dir", dir.toString(),
                        "--logfile", dir.resolve("redis.log").toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.out").toFile())
                .start();
        if (shutdownHook == null) {
          shutdownHook = new Thread(this::destroyQuietly, "redis-test-server-killer");
          Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        try {
          awaitPong();
          return;
        } catch (IllegalStateException e) {
          last = e;
          kill();
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start redis-server", e);
    }
  }

  private void destroyQuietly() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
    }
  }

  private void awaitPong() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited: " + log());
      }
      if (ping()) {
        return;
      }
      sleep(20);
    }
    throw new IllegalStateException("redis-server did not answer PING on " + port + ": " + log());
  }

  /** PING in the inline protocol over a plain socket: the fixture needs no client library. */
  private boolean ping() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(500);
      OutputStream out = s.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] reply = new byte[7];
      int n = in.readNBytes(reply, 0, reply.length);
      return new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private void signal(String signal) {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      Process kill =
          new ProcessBuilder("kill", signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String log() {
    StringBuilder sb = new StringBuilder();
    for (String name : List.of("redis.out", "redis.log")) {
      try {
        Path f = dir.resolve(name);
        if (Files.exists(f)) {
          sb.append(Files.readString(f, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        sb.append("(cannot read ").append(name).append(')');
      }
    }
    return sb.toString();
  }

  private void deleteDir() {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp folder is harmless
    }
    dir = null;
  }

  static Path findRedisServer() {
    Path usual = Path.of("/usr/bin/redis-server");
    if (Files.isExecutable(usual)) {
      return usual;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(d, "redis-server");
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
