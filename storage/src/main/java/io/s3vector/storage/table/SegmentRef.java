package io.s3vector.storage.table;

/**
 * A segment as the manifest lists it.
 *
 * @param id the segment's UUID, its folder name under the table's folder
 * @param rows its row count
 */
public record SegmentRef(String id, long rows) {}
