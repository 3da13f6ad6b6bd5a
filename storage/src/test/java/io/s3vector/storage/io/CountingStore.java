package io.s3vector.storage.io;

import io.s3vector.storage.objectstore.ObjectStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store that counts the read requests reaching it and the most that were ever in flight at
 * once, each read held for {@code holdMillis} so that concurrent ones overlap; and its listings.
 */
public final class CountingStore implements ObjectStore {
  private final ObjectStore inner;
  private final long holdMillis;
  public final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();
  public final AtomicInteger listings = new AtomicInteger();

  public CountingStore(ObjectStore inner, long holdMillis) {
    this.inner = inner;
    this.holdMillis = holdMillis;
  }

  /** The thread of the latest request. */
  public volatile Thread lastReader;

  private <T> T counted(java.util.function.Supplier<T> read) {
    reads.incrementAndGet();
    lastReader = Thread.currentThread();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      if (holdMillis > 0) {
        Thread.sleep(holdMillis);
      }
      return read.get();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    return counted(() -> inner.get(key));
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    return counted(() -> inner.getRange(key, offset, length));
  }

  @Override
  public void put(String key, byte[] data) {
    inner.put(key, data);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    return inner.putIfAbsent(key, data);
  }

  @Override
  public List<String> list(String prefix) {
    listings.incrementAndGet();
    return inner.list(prefix);
  }

  @Override
  public void delete(String key) {
    inner.delete(key);
  }
}
