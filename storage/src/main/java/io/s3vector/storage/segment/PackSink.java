package io.s3vector.storage.segment;

import io.s3vector.storage.objectstore.ObjectStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the files a {@link SegmentWriter} puts, for a {@link SegmentPack}; writes only. */
final class PackSink implements ObjectStore {
  private final String prefix;
  private final Map<String, byte[]> files;

  PackSink(String prefix, Map<String, byte[]> files) {
    this.prefix = prefix;
    this.files = files;
  }

  @Override
  public void put(String key, byte[] data) {
    if (!key.startsWith(prefix)) {
      throw new IllegalArgumentException(key + " is outside the packed segment " + prefix);
    }
    files.put(key.substring(prefix.length()), data);
  }

  @Override
  public Optional<byte[]> get(String key) {
    throw new UnsupportedOperationException("a pack is written, not read");
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    throw new UnsupportedOperationException("a pack is written, not read");
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    throw new UnsupportedOperationException("a pack is written whole");
  }

  @Override
  public List<String> list(String prefix) {
    throw new UnsupportedOperationException("a pack is written, not listed");
  }

  @Override
  public void delete(String key) {
    throw new UnsupportedOperationException("a pack is written, not deleted");
  }
}
