/**
 * Caches of object bytes in front of an {@link io.s3vector.storage.objectstore.ObjectStore}.
 *
 * <p>Objects are immutable and named by UUID, so a cached byte range can never be stale: there
 * is no invalidation, only eviction. Two tiers live here:
 *
 * <ul>
 *   <li>{@link io.s3vector.storage.cache.ByteWeightedCache}, an in-process L1 bounded in bytes,
 *       for decoded values;
 *   <li>{@link io.s3vector.storage.cache.RedisRangeCache}, a shared L2 in Redis for raw byte
 *       ranges ({@link io.s3vector.storage.io.ObjectRange}), LZ4-compressed, batch-oriented,
 *       bounded in latency and behind a {@link io.s3vector.storage.cache.CircuitBreaker}: a
 *       Redis that is down, slow or flushed only makes reads slower, never wrong.
 * </ul>
 *
 * <p>Only immutable objects may go through these caches: an object that {@code ObjectStore.put}
 * overwrites in place must be read from the store itself.
 */
package io.s3vector.storage.cache;
