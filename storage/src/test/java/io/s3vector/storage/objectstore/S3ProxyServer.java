package io.s3vector.storage.objectstore;

import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 API server for tests: S3Proxy in this JVM over jclouds' in-memory ("transient") blob
 * store, on 127.0.0.1 and a free port, path-style, without authentication (any credentials
 * pass), with one bucket. Register it per test class ({@code @RegisterExtension static final
 * S3ProxyServer s3 = S3ProxyServer.create();}) or start and close it yourself.
 *
 * <p>S3Proxy 2.7.0 ignores {@code If-None-Match: *} on PUT (the second conditional write
 * overwrites). {@link #withConditionalWrites()} puts a {@link ConditionalWriteFront} before it
 * that gives the header S3's meaning, for tests of several writers on one bucket.
 *
 * <p>Tests share one server; {@link #newStore()} gives each its own key prefix, so they never see
 * each other's objects. Shared by storage's tests and, through storage's test-jar, tests/.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

  public static final String BUCKET = "s3vector-test";

  private final boolean conditionalWrites;
  private final AtomicInteger stores = new AtomicInteger();
  private BlobStoreContext context;
  private S3Proxy proxy;
  private ConditionalWriteFront front;
  private URI endpoint;

  private S3ProxyServer(boolean conditionalWrites) {
    this.conditionalWrites = conditionalWrites;
  }

  /** S3Proxy as it is. */
  public static S3ProxyServer create() {
    return new S3ProxyServer(false);
  }

  /** S3Proxy behind a front that honours {@code If-None-Match: *} as S3 does. */
  public static S3ProxyServer withConditionalWrites() {
    return new S3ProxyServer(true);
  }

  /** Starts the server (idempotent). */
  public S3ProxyServer start() {
    if (proxy != null) {
      return this;
    }
    // The SDK's default credentials chain needs some credentials; S3Proxy checks none.
    setIfAbsent("aws.accessKeyId", "s3vector-test");
    setIfAbsent("aws.secretAccessKey", "s3vector-test");
    try {
      context = ContextBuilder.newBuilder("transient")
          .credentials("identity", "credential")
          .build(BlobStoreContext.class);
      context.getBlobStore().createContainerInLocation(null, BUCKET);
      proxy = S3Proxy.builder()
          .blobStore(context.getBlobStore())
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.NONE, null, null)
          .build();
      proxy.start();
      while (!"STARTED".equals(proxy.getState())) {
        if ("FAILED".equals(proxy.getState())) {
          throw new IllegalStateException("S3Proxy failed to start");
        }
        Thread.sleep(5);
      }
      URI direct = URI.create("http://127.0.0.1:" + proxy.getPort());
      if (conditionalWrites) {
        front = ConditionalWriteFront.start(direct);
        endpoint = front.endpoint();
      } else {
        endpoint = direct;
      }
      return this;
    } catch (Exception e) {
      close();
      throw new IllegalStateException("could not start S3Proxy: " + e, e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext extensionContext) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext extensionContext) {
    close();
  }

  /** http://127.0.0.1:port of the server (of the front, with conditional writes). */
  public URI endpoint() {
    return endpoint;
  }

  public boolean honoursConditionalWrites() {
    return conditionalWrites;
  }

  /** Settings for this server's bucket under {@code prefix}: endpoint, path-style, any region. */
  public S3Settings.Builder settings(String prefix) {
    if (endpoint == null) {
      throw new IllegalStateException("S3ProxyServer is not started");
    }
    return S3Settings.builder(BUCKET).endpoint(endpoint).pathStyle(true).prefix(prefix);
  }

  /** A prefix no other caller got from this server. */
  public String freshPrefix() {
    return "t" + stores.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A store under a prefix of its own. */
  public S3ObjectStore newStore() {
    return new S3ObjectStore(settings(freshPrefix()).build());
  }

  /** A store under {@code prefix} (shared with other stores given the same prefix). */
  public S3ObjectStore newStore(String prefix) {
    return new S3ObjectStore(settings(prefix).build());
  }

  @Override
  public void close() {
    if (front != null) {
      front.close();
      front = null;
    }
    if (proxy != null) {
      try {
        proxy.stop();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop S3Proxy", e);
      } finally {
        proxy = null;
      }
    }
    if (context != null) {
      context.close();
      context = null;
    }
    endpoint = null;
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null && System.getenv(property.equals("aws.accessKeyId")
        ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") == null) {
      System.setProperty(property, value);
    }
  }
}
