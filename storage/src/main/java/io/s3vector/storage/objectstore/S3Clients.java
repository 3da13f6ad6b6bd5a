package io.s3vector.storage.objectstore;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.DelegatingS3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;

/** Builds the one {@link S3AsyncClient} an {@link S3ObjectStore} uses, from its settings. */
final class S3Clients {

  private static final int EVENT_LOOP_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private S3Clients() {}

  static S3AsyncClient create(S3Settings settings) {
    return create(settings, List.of());
  }

  /** The client with {@code interceptors} seeing every request (tests count requests with one). */
  static S3AsyncClient create(S3Settings settings, List<ExecutionInterceptor> interceptors) {
    SdkEventLoopGroup eventLoops = eventLoops();
    S3AsyncClientBuilder builder =
        S3AsyncClient.builder()
            .httpClientBuilder(
                NettyNioAsyncHttpClient.builder()
                    .eventLoopGroup(eventLoops)
                    .maxConcurrency(settings.maxConcurrency())
                    // Requests beyond maxConcurrency queue for a connection; a deep queue of chunk
                    // reads is normal under a big scan, so they may wait as long as a whole call.
                    .maxPendingConnectionAcquires(100_000)
                    .connectionAcquisitionTimeout(settings.callTimeout())
                    .connectionTimeout(Duration.ofSeconds(10)))
            .region(Region.of(settings.region()))
            // env, system properties, profile, web identity, container and instance roles
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .forcePathStyle(settings.pathStyle())
            .requestChecksumCalculation(
                settings.checksums()
                    ? RequestChecksumCalculation.WHEN_SUPPORTED
                    : RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(
                settings.checksums()
                    ? ResponseChecksumValidation.WHEN_SUPPORTED
                    : ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(
                c ->
                    c.executionInterceptors(interceptors)
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout())
                        .retryStrategy(retryStrategy(settings.maxAttempts())));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    try {
      return new OwningEventLoops(builder.build(), eventLoops);
    } catch (RuntimeException e) {
      eventLoops.eventLoopGroup().shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The client, which shuts its event loops down when closed (the SDK leaves given ones be). */
  private static final class OwningEventLoops extends DelegatingS3AsyncClient {
    private final SdkEventLoopGroup eventLoops;

    OwningEventLoops(S3AsyncClient client, SdkEventLoopGroup eventLoops) {
      super(client);
      this.eventLoops = eventLoops;
    }

    @Override
    public void close() {
      super.close();
      eventLoops.eventLoopGroup().shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
  }

  /**
   * Epoll event loops, one per core, where Netty's native transport loads; else the SDK's default
   * (NIO). NIO's selector wakes itself twice per answer (see the server's ServerTransport), and
   * under a stream of small commits on S3 the SDK's NIO loops were a fifth of the server's CPU.
   */
  @SuppressWarnings("deprecation")
  private static SdkEventLoopGroup eventLoops() {
    if (Epoll.isAvailable()) {
      // the SDK tells the channel types from the group's class: it knows this one, not Netty
      // 4.2's MultiThreadIoEventLoopGroup (it is the same loop underneath)
      return SdkEventLoopGroup.create(new EpollEventLoopGroup(EVENT_LOOP_THREADS));
    }
    return SdkEventLoopGroup.builder().build();
  }

  /**
   * The SDK's standard conditions (throttling such as 503 SlowDown and 429, other 5xx, connection
   * errors, attempt timeouts) with exponential backoff and full jitter, so that servers that were
   * throttled together do not retry together; plus 409 ConditionalRequestConflict, which S3 asks
   * to retry. The retry token bucket is off: it stops retrying after a burst of errors, which is
   * exactly when S3 says "slow down", not "give up".
   */
  static RetryStrategy retryStrategy(int maxAttempts) {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(maxAttempts)
        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(10)))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20)))
        .retryOnException(S3Errors::isConditionalConflict)
        .circuitBreakerEnabled(false)
        .build();
  }
}
