package io.s3vector.storage.index;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.ChunkCodec;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Writing an index's Zarr arrays (the HNSW graph, the IVF lists): every object in parallel. */
public final class IndexArrays {

  private IndexArrays() {}

  /** Queues the writes of one array: its {@code .zarray} and every chunk of {@code values}. */
  public static void writeArray(ObjectStore store, ExecutorService writers,
      List<Future<?>> writes, String prefix, ArrayMeta meta, Object values) {
    writes.add(writers.submit(() -> store.put(prefix + ArrayMeta.FILE, meta.toJson())));
    for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
      int index = chunk;
      writes.add(writers.submit(() -> {
        int from = index * meta.chunkRows();
        int rows = (int) Math.min(meta.chunkRows(), meta.rows() - from);
        store.put(prefix + meta.chunkKey(index), ChunkCodec.encode(meta, values, from, rows));
      }));
    }
  }

  /**
   * Waits for every queued request; then throws the first failure (a {@link StorageException}
   * as it is, anything else wrapped as "{@code what} I/O failed").
   */
  public static void awaitAll(List<Future<?>> futures, String what) {
    StorageException failure = null;
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause() instanceof StorageException s
              ? s
              : new StorageException(what + " I/O failed: " + e.getCause(), e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException("interrupted during " + what + " I/O", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
