/**
 * Caches between the segments and the store. {@link io.s3vector.storage.cache.ChunkCache} keeps
 * decoded chunks least recently used first out, bounded by bytes; segments are immutable and named
 * by UUID, so an entry is never stale. On the path of one read: the {@code segment} reader asks the
 * cache first, and only on a miss fetches the chunk from the {@code objectstore} and decodes it
 * with the {@code zarr} codec. The cache knows nothing of what it holds (the caller gives the value
 * type and its weight), so it depends on no other storage package and further tiers can join it.
 */
package io.s3vector.storage.cache;
