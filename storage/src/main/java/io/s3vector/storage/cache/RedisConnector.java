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
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Owns the Lettuce client and its one multiplexed connection (Lettuce connections are
 * thread-safe and pipeline concurrent commands, so one is the recommended setup).
 *
 * <p>Connecting is lazy and never blocks: a Redis that is down when the server starts must not
 * stop the server from starting. A failed connect is retried by the next call that asks for the
 * connection (the caller's circuit breaker paces those calls). Once connected, Lettuce reconnects
 * by itself; meanwhile commands are rejected at once instead of being queued, because a cache
 * answer that arrives after the query gave up is worthless.
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
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2)
            // Lettuce's default backoff reaches 30 s: far too slow to notice a restarted Redis
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
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
    if (connection == null || connection.isCompletedExceptionally()) {
      try {
        connection = client.connectAsync(CODEC, uri).toCompletableFuture();
      } catch (RuntimeException e) {
        connection = CompletableFuture.failedFuture(e);
      }
    }
    return connection.thenApply(StatefulRedisConnection::async);
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
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
