package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An {@link ObjectStore} on an S3 bucket (AWS, or any server speaking its API), through the SDK
 * v2's asynchronous client. A key {@code k} is the object {@code prefix/k} in the bucket.
 *
 * <p>The asynchronous methods are the real ones; the blocking methods of {@link ObjectStore} wait
 * for them. Every failure is a {@link StorageException} naming the key. A read never returns
 * fewer bytes than the server said it sent: a short body is an error, not a shorter answer.
 * Retries (throttling, 5xx, connection errors) and timeouts are the client's, set up by
 * {@link S3Clients} from the {@link S3Settings}.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  private final S3Settings settings;
  private final S3AsyncClient client;
  /** "prefix/" or "": what every key is stored under. */
  private final String root;

  public S3ObjectStore(S3Settings settings) {
    this(settings, S3Clients.create(settings));
  }

  /** Over a client built elsewhere (which this store closes). */
  public S3ObjectStore(S3Settings settings, S3AsyncClient client) {
    this.settings = settings;
    this.client = client;
    this.root = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
  }

  public S3Settings settings() {
    return settings;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return S3Errors.await(getAsync(key), "read", key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    return S3Errors.await(getRangeAsync(key, offset, length), "read", key);
  }

  @Override
  public CompletableFuture<Optional<byte[]>> getAsync(String key) {
    return client
        .getObject(r -> r.bucket(settings.bucket()).key(s3Key(key)), AsyncResponseTransformer.toBytes())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                if (S3Errors.isNotFound(failure)) {
                  return Optional.<byte[]>empty();
                }
                throw S3Errors.failure("read", key, failure);
              }
              byte[] bytes = response.asByteArrayUnsafe();
              Long expected = response.response().contentLength();
              if (expected != null && expected != bytes.length) {
                throw shortRead(key, bytes.length, expected);
              }
              return Optional.of(bytes);
            });
  }

  @Override
  public CompletableFuture<byte[]> getRangeAsync(String key, long offset, int length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("range " + offset + "+" + length + " of \"" + key + "\"");
    }
    if (length == 0) {
      return CompletableFuture.completedFuture(new byte[0]);
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    return client
        .getObject(
            r -> r.bucket(settings.bucket()).key(s3Key(key)).range(range),
            AsyncResponseTransformer.toBytes())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                if (S3Errors.isInvalidRange(failure)) {
                  return new byte[0]; // the range starts at or after the end: no bytes there
                }
                if (S3Errors.isNotFound(failure)) {
                  throw new StorageException("object \"" + key + "\" does not exist", S3Errors.unwrap(failure));
                }
                throw S3Errors.failure("read", key, failure);
              }
              return rangeBytes(key, offset, length, response.response(), response.asByteArrayUnsafe());
            });
  }

  /**
   * Rounds of {@link #WARM_UP_PARALLEL} reads that {@link #warmUp} sends. Measured through a 20 ms
   * proxy (BENCHMARKS.md): a round of 40 parallel 130 KB reads takes 250–330 ms from a fresh client
   * and 60–140 ms after 800 reads of 4 KB; far fewer reads barely change it.
   */
  static final int WARM_UP_ROUNDS = 20;
  static final int WARM_UP_PARALLEL = 40;
  private static final int WARM_UP_BYTES = 4096;

  @Override
  public void warmUp(String key, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    for (int round = 0; round < WARM_UP_ROUNDS && System.nanoTime() < deadline; round++) {
      CompletableFuture<?>[] reads = new CompletableFuture<?>[WARM_UP_PARALLEL];
      for (int i = 0; i < reads.length; i++) {
        reads[i] = getRangeAsync(key, (long) i * WARM_UP_BYTES, WARM_UP_BYTES);
      }
      try {
        CompletableFuture.allOf(reads).join();
      } catch (RuntimeException e) {
        LOG.info("warm-up reads of {} stopped: {}", key, e.getMessage());
        return;
      }
    }
  }

  /** The bytes of a ranged GET, checked against what the server says it sent. */
  private static byte[] rangeBytes(String key, long offset, int length, GetObjectResponse response, byte[] body) {
    Long contentLength = response.contentLength();
    if (contentLength != null && contentLength != body.length) {
      throw shortRead(key, body.length, contentLength);
    }
    ContentRange range;
    try {
      range = ContentRange.parse(response.contentRange());
    } catch (IllegalArgumentException e) {
      throw new StorageException("read of object \"" + key + "\" answered with an " + e.getMessage(), e);
    }
    if (range == null) {
      // a server that ignores Range sends the whole object (200): cut the range out of it
      int from = (int) Math.min(offset, body.length);
      int to = (int) Math.min((long) body.length, offset + length);
      return Arrays.copyOfRange(body, from, to);
    }
    long expected = Math.min(length, range.total() - offset);
    if (range.first() != offset || range.length() != expected || body.length != expected) {
      throw new StorageException("read of object \"" + key + "\" returned bytes " + range.first()
          + "-" + range.last() + "/" + range.total() + " (" + body.length + " bytes) for a request of "
          + length + " bytes at " + offset);
    }
    return body;
  }

  private static StorageException shortRead(String key, long got, long expected) {
    return new StorageException(
        "read of object \"" + key + "\" ended after " + got + " of " + expected + " bytes");
  }

  @Override
  public void put(String key, byte[] data) {
    S3Errors.await(putAsync(key, data), "write", key);
  }

  /** Writes the object, in parts from {@link S3Settings#multipartThreshold()} bytes on. */
  public CompletableFuture<Void> putAsync(String key, byte[] data) {
    CompletableFuture<Void> upload;
    if (data.length >= settings.multipartThreshold()) {
      upload = S3MultipartPut.upload(client, settings.bucket(), s3Key(key), data, settings.partSize());
    } else {
      upload =
          client
              .putObject(
                  r -> r.bucket(settings.bucket()).key(s3Key(key)).contentLength((long) data.length),
                  AsyncRequestBody.fromBytesUnsafe(data))
              .thenApply(response -> null);
    }
    return upload.handle(
        (ok, failure) -> {
          if (failure != null) {
            throw S3Errors.failure("write", key, failure);
          }
          return null;
        });
  }

  /**
   * {@code PUT} with {@code If-None-Match: *}: S3 answers 412 when the key exists. When the answer
   * is 412, the object is read back: if it holds exactly our bytes, our own earlier attempt (one
   * the client timed out and retried, but the server completed) wrote it, and the write counts as
   * ours — otherwise a retried commit would be applied twice. Manifests carry fresh UUIDs, so two
   * writers never race with identical bytes by chance.
   */
  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    return S3Errors.await(putIfAbsentAsync(key, data), "write", key);
  }

  public CompletableFuture<Boolean> putIfAbsentAsync(String key, byte[] data) {
    return client
        .putObject(
            r -> r.bucket(settings.bucket()).key(s3Key(key)).ifNoneMatch("*")
                .contentLength((long) data.length),
            AsyncRequestBody.fromBytesUnsafe(data))
        .handle(
            (response, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(true);
              }
              if (S3Errors.isPreconditionFailed(failure)) {
                return getAsync(key).thenApply(existing -> existing.isPresent() && Arrays.equals(existing.get(), data));
              }
              throw S3Errors.failure("write", key, failure);
            })
        .thenCompose(result -> result);
  }

  @Override
  public List<String> list(String prefix) {
    return S3Errors.await(listAsync(prefix), "list", prefix + "*");
  }

  /** Every key under {@code prefix}, over as many pages of 1,000 as there are. */
  public CompletableFuture<List<String>> listAsync(String prefix) {
    List<String> keys = Collections.synchronizedList(new ArrayList<>());
    return listFrom(prefix, null, keys)
        .handle(
            (done, failure) -> {
              if (failure != null) {
                throw S3Errors.failure("list", prefix + "*", failure);
              }
              List<String> sorted = new ArrayList<>(keys);
              Collections.sort(sorted);
              return sorted;
            });
  }

  private CompletableFuture<Void> listFrom(String prefix, String continuationToken, List<String> into) {
    return client
        .listObjectsV2(
            r -> r.bucket(settings.bucket()).prefix(root + prefix).continuationToken(continuationToken))
        .thenCompose(
            (ListObjectsV2Response page) -> {
              for (S3Object object : page.contents()) {
                into.add(object.key().substring(root.length()));
              }
              if (Boolean.TRUE.equals(page.isTruncated()) && page.nextContinuationToken() != null) {
                return listFrom(prefix, page.nextContinuationToken(), into);
              }
              return CompletableFuture.completedFuture(null);
            });
  }

  @Override
  public void delete(String key) {
    S3Errors.await(deleteAsync(key), "delete", key);
  }

  /** All in flight at once (pruning deletes hundreds of versions): one round, not one each. */
  @Override
  public void deleteAll(List<String> keys) {
    List<CompletableFuture<Void>> deletes = new java.util.ArrayList<>(keys.size());
    for (String key : keys) {
      deletes.add(deleteAsync(key));
    }
    for (int i = 0; i < deletes.size(); i++) {
      S3Errors.await(deletes.get(i), "delete", keys.get(i));
    }
  }

  public CompletableFuture<Void> deleteAsync(String key) {
    return client
        .deleteObject(r -> r.bucket(settings.bucket()).key(s3Key(key)))
        .handle(
            (response, failure) -> {
              if (failure != null && !S3Errors.isNotFound(failure)) {
                throw S3Errors.failure("delete", key, failure);
              }
              return null;
            });
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return settings.location();
  }

  private String s3Key(String key) {
    if (key.isEmpty() || key.startsWith("/")) {
      throw new StorageException("invalid object key \"" + key + "\"");
    }
    return root + key;
  }
}
