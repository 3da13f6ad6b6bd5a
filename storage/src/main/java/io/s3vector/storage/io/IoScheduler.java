package io.s3vector.storage.io;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The one way reads reach the object store, owned by the database: at most {@code
 * maxConcurrency} requests in flight over the whole server (S3 throttles per prefix, and an
 * unbounded fan-out only queues inside the HTTP client), and reads planned a round at a time.
 * {@link #readAll} takes every range one step of a query needs, merges ranges of one object that
 * touch or nearly touch into one request, issues them all at once and waits for the last: one
 * sequential round trip, however many objects. {@link #store()} is the same store with every
 * other request (writes, lists, manifests) under the same bound.
 *
 * <p>Requests wait on the store, not the CPU, so each runs on a virtual thread holding a permit.
 */
public final class IoScheduler implements AutoCloseable {

  /** Ranges of one object closer than this are read as one request (one round trip, a few
   *  more bytes): on S3 a request costs far more than 32 KiB of transfer. */
  static final int COALESCE_GAP = 32 << 10;

  private final ObjectStore store;
  private final Semaphore permits;
  /**
   * Background work (loading a whole graph after the cold path served a segment) holds at most a
   * quarter of the permits, so it never queues a query's reads behind hundreds of its own.
   */
  private final Semaphore backgroundPermits;
  /** Set around background work ({@link #inBackground}); inherited by the threads it starts. */
  private static final InheritableThreadLocal<Boolean> BACKGROUND = new InheritableThreadLocal<>();
  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("s3vector-io-", 0).factory());
  private final BoundedStore bounded;

  public IoScheduler(ObjectStore store, int maxConcurrency) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("max concurrency must be at least 1: " + maxConcurrency);
    }
    this.store = store;
    this.permits = new Semaphore(maxConcurrency, true);
    this.backgroundPermits = new Semaphore(Math.max(1, maxConcurrency / 4), true);
    this.bounded = new BoundedStore(store, this::withPermit);
  }

  /** The store, each request under the concurrency bound (not counted in any round). */
  public ObjectStore store() {
    return bounded;
  }

  /** Runs {@code task} on one of the scheduler's virtual threads (e.g. a scan's read-ahead). */
  public <T> CompletableFuture<T> async(Supplier<T> task) {
    return CompletableFuture.supplyAsync(task, threads);
  }

  /**
   * One round: the bytes of every range, in the order asked, fetched concurrently. A whole object
   * that does not exist, or any failed request, fails the round with a {@link StorageException}
   * naming the object (after every request of the round has finished, so none is left running).
   */
  public List<byte[]> readAll(List<ObjectRange> ranges, ReadStats stats) {
    if (ranges.isEmpty()) {
      return List.of();
    }
    long started = System.nanoTime();
    List<Request> requests = plan(ranges);
    List<CompletableFuture<byte[]>> inFlight = new ArrayList<>(requests.size());
    for (Request request : requests) {
      Supplier<byte[]> read = () -> withPermit(() -> fetch(request.range()));
      // a lone request is read on this thread: a thread started only to be waited for cost two
      // thread switches, more than a read of the local folder (an UPDATE's old row, say)
      inFlight.add(requests.size() == 1 ? readNow(read) : CompletableFuture.supplyAsync(read, threads));
    }
    RuntimeException failure = null;
    long bytes = 0;
    for (int i = 0; i < requests.size(); i++) {
      try {
        requests.get(i).data = inFlight.get(i).join();
        bytes += requests.get(i).data.length;
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof RuntimeException r ? r
              : new StorageException("read of \"" + requests.get(i).range().objectKey() + "\" failed: " + e.getCause(), e.getCause());
        }
      }
    }
    stats.round(System.nanoTime() - started);
    if (failure != null) {
      throw failure;
    }
    stats.store(ranges.size(), requests.size(), bytes);
    List<byte[]> out = new ArrayList<>(ranges.size());
    for (ObjectRange range : ranges) {
      out.add(slice(requests, range));
    }
    return out;
  }

  /** One request of a round and, once read, its bytes. */
  private static final class Request {
    private final ObjectRange range;
    private byte[] data;

    Request(ObjectRange range) {
      this.range = range;
    }

    ObjectRange range() {
      return range;
    }
  }

  /**
   * The requests for {@code ranges}: per object, a whole-object read covers every range of it;
   * otherwise ranges sorted by offset are merged while the gap between them is below {@link
   * #COALESCE_GAP}.
   */
  static List<Request> plan(List<ObjectRange> ranges) {
    Map<String, List<ObjectRange>> byObject = new LinkedHashMap<>();
    for (ObjectRange range : ranges) {
      byObject.computeIfAbsent(range.objectKey(), k -> new ArrayList<>()).add(range);
    }
    List<Request> requests = new ArrayList<>();
    for (Map.Entry<String, List<ObjectRange>> object : byObject.entrySet()) {
      List<ObjectRange> parts = object.getValue();
      if (parts.stream().anyMatch(ObjectRange::isWhole)) {
        requests.add(new Request(ObjectRange.whole(object.getKey())));
        continue;
      }
      parts.sort(Comparator.comparingLong(ObjectRange::offset));
      long start = parts.get(0).offset();
      long end = parts.get(0).end();
      for (ObjectRange part : parts.subList(1, parts.size())) {
        if (part.offset() <= end + COALESCE_GAP && part.end() - start <= Integer.MAX_VALUE) {
          end = Math.max(end, part.end());
        } else {
          requests.add(new Request(ObjectRange.range(object.getKey(), start, (int) (end - start))));
          start = part.offset();
          end = part.end();
        }
      }
      requests.add(new Request(ObjectRange.range(object.getKey(), start, (int) (end - start))));
    }
    return requests;
  }

  /** The bytes of {@code range} cut from the request that covers it (fewer past the object's end). */
  private static byte[] slice(List<Request> requests, ObjectRange range) {
    for (Request request : requests) {
      ObjectRange covering = request.range();
      if (!covering.objectKey().equals(range.objectKey())) {
        continue;
      }
      if (covering.isWhole()) {
        if (range.isWhole()) {
          return request.data;
        }
        return cut(request.data, range.offset(), range.length());
      }
      if (!range.isWhole() && range.offset() >= covering.offset() && range.end() <= covering.end()) {
        return cut(request.data, range.offset() - covering.offset(), range.length());
      }
    }
    throw new IllegalStateException("no request covers " + range);
  }

  private static byte[] cut(byte[] data, long from, int length) {
    int start = (int) Math.min(from, data.length);
    int end = (int) Math.min((long) start + length, data.length);
    return start == 0 && end == data.length ? data : Arrays.copyOfRange(data, start, end);
  }

  private byte[] fetch(ObjectRange range) {
    if (range.isWhole()) {
      return store.get(range.objectKey()).orElseThrow(
          () -> new StorageException("object \"" + range.objectKey() + "\" does not exist"));
    }
    return store.getRange(range.objectKey(), range.offset(), range.length());
  }

  /**
   * Runs {@code work} as background work: its requests (and those of the threads it starts)
   * take a background permit before a permit, so they hold at most a quarter of them.
   */
  public static <T> T inBackground(Supplier<T> work) {
    Boolean outer = BACKGROUND.get();
    BACKGROUND.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      BACKGROUND.set(outer);
    }
  }

  private static CompletableFuture<byte[]> readNow(Supplier<byte[]> read) {
    try {
      return CompletableFuture.completedFuture(read.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <T> T withPermit(Supplier<T> request) {
    boolean background = Boolean.TRUE.equals(BACKGROUND.get());
    try {
      if (background) {
        backgroundPermits.acquire();
      }
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        if (background) {
          backgroundPermits.release();
        }
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to read from the object store", e);
    }
    try {
      return request.get();
    } finally {
      permits.release();
      if (background) {
        backgroundPermits.release();
      }
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
