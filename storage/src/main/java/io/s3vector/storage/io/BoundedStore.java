package io.s3vector.storage.io;

import io.s3vector.storage.objectstore.ObjectStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** An object store whose every request runs under the {@link IoScheduler}'s concurrency bound. */
final class BoundedStore implements ObjectStore {

  /** Runs one request once a permit is free. */
  interface Gate {
    <T> T run(Supplier<T> request);
  }

  private final ObjectStore store;
  private final Gate gate;

  BoundedStore(ObjectStore store, Gate gate) {
    this.store = store;
    this.gate = gate;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return gate.run(() -> store.get(key));
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    return gate.run(() -> store.getRange(key, offset, length));
  }

  @Override
  public void put(String key, byte[] data) {
    gate.run(() -> {
      store.put(key, data);
      return null;
    });
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    return gate.run(() -> store.putIfAbsent(key, data));
  }

  @Override
  public List<String> list(String prefix) {
    return gate.run(() -> store.list(prefix));
  }

  @Override
  public void delete(String key) {
    gate.run(() -> {
      store.delete(key);
      return null;
    });
  }

  @Override
  public void deleteAll(List<String> keys) {
    gate.run(() -> {
      store.deleteAll(keys);
      return null;
    });
  }

  @Override
  public String toString() {
    return store.toString();
  }
}
