/**
 * Tables as immutable Zarr segments named by a versioned manifest.
 *
 * <p>Open a database with {@code StoreDatabase.open(new LocalObjectStore(dataDir))}. Layout:
 * {@link io.s3vector.storage.table.Layout}. Writing: {@link io.s3vector.storage.table.StoreTable}
 * queues rows to the {@code GroupCommitter}, which writes one segment per table per group ({@link
 * io.s3vector.storage.table.SegmentWriter}) and then the next manifest version with {@code
 * putIfAbsent} ({@code ManifestLog}); a lost race re-reads and re-applies. Reading: a {@link
 * io.s3vector.storage.table.StoreSnapshot} is a fixed list of segments, streamed chunk by chunk
 * through the {@link io.s3vector.storage.table.ChunkCache}. The {@code Compactor} merges runs of
 * adjacent small segments in the background with a conditional manifest swap.
 */
package io.s3vector.storage.table;
