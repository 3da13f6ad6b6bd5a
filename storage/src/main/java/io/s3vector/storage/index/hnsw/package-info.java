/**
 * HNSW on primitive arrays: {@link io.s3vector.storage.index.hnsw.HnswBuilder} builds the graph of
 * one segment on several threads, {@link io.s3vector.storage.index.hnsw.HnswSearcher} walks it
 * with reusable scratch, {@link io.s3vector.storage.index.hnsw.HnswSegmentIndex} is its persisted
 * form (Zarr arrays in the segment's folder). The search layer ({@code io.s3vector.storage.search})
 * decides which segments get graphs ({@code SegmentIndexes}) and merges per-segment results ({@code
 * VectorSearch}).
 */
package io.s3vector.storage.index.hnsw;
