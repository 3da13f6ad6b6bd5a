/**
 * HNSW on primitive arrays: {@link io.s3vector.storage.index.hnsw.HnswBuilder} builds the graph of
 * one segment on several threads, {@link io.s3vector.storage.index.hnsw.HnswSearcher} walks it
 * with reusable scratch, {@link io.s3vector.storage.index.hnsw.HnswSegmentIndex} is its persisted
 * form (Zarr arrays in the segment's folder). The table layer decides which segments get graphs
 * and merges per-segment results ({@code io.s3vector.storage.table.VectorSearch}).
 */
package io.s3vector.storage.index.hnsw;
