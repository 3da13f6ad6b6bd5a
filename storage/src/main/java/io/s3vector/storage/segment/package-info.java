/**
 * Immutable segments: one Zarr v2 group each, one array per column. {@link
 * io.s3vector.storage.segment.SegmentWriter} writes a segment and its {@link
 * io.s3vector.storage.segment.SegmentMeta} attributes (per-chunk {@link
 * io.s3vector.storage.segment.ChunkStats}, per vector column {@link
 * io.s3vector.storage.segment.VectorBounds}); {@link io.s3vector.storage.segment.SegmentReader}
 * reads those attributes once and then decodes chunks of the requested columns into {@link
 * io.s3vector.storage.segment.ColumnData}, which {@link io.s3vector.storage.segment.ChunkRowBatch}
 * shows as a {@code RowBatch}. On the path of one read: below the snapshot ({@code engine}) and
 * vector search ({@code search}), above the {@code cache}, which the reader asks before it fetches
 * a chunk from the {@code objectstore} and decodes it with the {@code zarr} codec.
 */
package io.s3vector.storage.segment;
