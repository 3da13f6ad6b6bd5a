/**
 * k-nearest-neighbour search over the segments of a snapshot. {@link
 * io.s3vector.storage.search.SegmentIndexes} builds, stores and caches the HNSW graph each segment
 * has of each index (the graph itself is {@code io.s3vector.storage.index.hnsw}); {@link
 * io.s3vector.storage.search.VectorSearch} runs one query: segments with the graph are walked, the
 * others scanned exactly, nearest bounding ball first, every candidate re-ranked by the exact
 * distance. On the path of one read it is the vector-search branch beside the plain scan: called
 * by the snapshot ({@code engine}), it reads vectors and graphs through the {@code segment} reader
 * (and so the {@code cache}) and the {@code objectstore}.
 */
package io.s3vector.storage.search;
