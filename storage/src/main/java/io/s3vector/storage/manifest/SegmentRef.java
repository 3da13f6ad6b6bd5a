package io.s3vector.storage.manifest;

import java.util.List;

/**
 * A segment as the manifest lists it.
 *
 * @param id the segment's UUID, its folder name under the table's folder
 * @param rows its row count, deleted rows included (row numbers never move within a segment)
 * @param indexes names of the table's indexes whose graph this segment has ({@code
 *     hnsw_<index>/} in its folder); a segment without the graph of an index is scanned exactly
 * @param deletes the name of the segment's deletion set ({@code _deletes/<name>} in its folder,
 *     see {@link io.s3vector.storage.segment.DeletionSet}), or null when no row is deleted. A
 *     delete writes a new set (the old one plus its rows) and names it here: segments stay
 *     immutable, and deleting the segment deletes its sets
 * @param deleted how many rows the set holds
 */
public record SegmentRef(String id, long rows, List<String> indexes, String deletes, long deleted) {

  public SegmentRef {
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  public SegmentRef(String id, long rows, List<String> indexes) {
    this(id, rows, indexes, null, 0);
  }

  public SegmentRef(String id, long rows) {
    this(id, rows, List.of());
  }

  public boolean hasIndex(String name) {
    return indexes.contains(name);
  }

  /** Rows not deleted. */
  public long liveRows() {
    return rows - deleted;
  }

  public SegmentRef withIndexes(List<String> names) {
    return new SegmentRef(id, rows, names, deletes, deleted);
  }

  public SegmentRef withDeletes(String name, long count) {
    return new SegmentRef(id, rows, indexes, name, count);
  }
}
