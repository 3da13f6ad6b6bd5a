package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** An {@link ObjectStore} that fails writes of chosen keys, to test what a crash leaves behind. */
public final class FaultInjectingStore implements ObjectStore {

  private final ObjectStore inner;
  private volatile Predicate<String> failWrites = key -> false;
  private final AtomicInteger injected = new AtomicInteger();

  public FaultInjectingStore(ObjectStore inner) {
    this.inner = inner;
  }

  /** Makes writes (put and putIfAbsent) of matching keys throw; {@code key -> false} heals. */
  public void failWrites(Predicate<String> keys) {
    this.failWrites = keys;
  }

  public int injected() {
    return injected.get();
  }

  private void maybeFail(String key) {
    if (failWrites.test(key)) {
      injected.incrementAndGet();
      throw new StorageException("injected failure writing \"" + key + "\"");
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    return inner.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    return inner.getRange(key, offset, length);
  }

  @Override
  public void put(String key, byte[] data) {
    maybeFail(key);
    inner.put(key, data);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    maybeFail(key);
    return inner.putIfAbsent(key, data);
  }

  @Override
  public List<String> list(String prefix) {
    return inner.list(prefix);
  }

  @Override
  public void delete(String key) {
    inner.delete(key);
  }
}
