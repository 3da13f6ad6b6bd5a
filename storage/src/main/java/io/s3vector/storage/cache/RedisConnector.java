package io.s3vector.storage.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Owns the Lettuce client and its one multiplexed connection (Lettuce connections are
 * thread-safe and pipeline concurrent commands, so one is the recommended setup).
 *
 * <p>Connecting is lazy and never blocks: a Redis that is down when the server starts must not
 * stop the server from starting. Reconnecting is ours too, not Lettuce's: a lost connection is
 * dropped and the next call that asks for one connects anew, so the caller's circuit breaker
 * paces the attempts. (Lettuce's own reconnect would queue or replay commands whose answers come
 * after the query gave up, and its watchdog races with shutdown.)
 */
final class RedisConnector implements AutoCloseable {

  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  // a connect to a black-holed host would otherwise hang for Netty's default 10 s; calls time out
  // on their own much sooner, this only bounds how long one attempt blocks the next
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  // bounds memory while Redis is stalled: stuck commands beyond this are rejected
  private static final int REQUEST_QUEUE_SIZE = 10_000;

  private final ClientResources resources;
  private final RedisClient client;
  private final RedisURI uri;
  private CompletableFuture<StatefulRedisConnection<String, byte[]>> connection; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param commandTimeout when Lettuce itself gives up on a command; callers keep their own,
   *     shorter deadline, this one only frees commands stuck on a stalled Redis
   */
  RedisConnector(String redisUrl, Duration commandTimeout) {
    this.uri = RedisURI.create(redisUrl);
    uri.setTimeout(commandTimeout);
    // two I/O threads are plenty for one connection; the defaults are one per core
    this.resources =
        DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .requestQueueSize(REQUEST_QUEUE_SIZE)
            .socketOptions(
                SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
            .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
            .build());
  }

  /**
   * The async command API, once connected. Completes exceptionally when the connect fails (the
   * next call tries again) or after {@link #close}.
   */
  synchronized CompletableFuture<RedisAsyncCommands<String, byte[]>> commands() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("redis cache closed"));
    }
    if (connection == null || connection.isCompletedExceptionally() || isLost(connection)) {
      if (connection != null && !connection.isCompletedExceptionally()) {
        connection.join().closeAsync(); // lost already: this only releases it
      }
      try {
        connection = client.connectAsync(CODEC, uri).toCompletableFuture();
      } catch (RuntimeException e) {
        connection = CompletableFuture.failedFuture(e);
      }
    }
    return connection.thenApply(StatefulRedisConnection::async);
  }

  /** A connection that was made and has since been cut (Redis killed, restarted, network). */
  private static boolean isLost(CompletableFuture<StatefulRedisConnection<String, byte[]>> c) {
    return c.isDone() && !c.join().isOpen();
  }

  /**
   * Closes the connection and stops Lettuce's threads without a quiet period, so it returns in
   * milliseconds; commands in flight fail, which their callers treat as misses.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // the client closes the connections it made (closing them here too only logs a warning); a
    // connect still under way fails when the client's threads stop
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    // the threads stop in the background: a reconnect already scheduled may still run during
    // the quiet period, instead of hitting a terminated event loop and logging stack traces
    resources.shutdown(100, 2_000, TimeUnit.MILLISECONDS);
  }
}
