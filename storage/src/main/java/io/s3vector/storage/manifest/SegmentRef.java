package io.s3vector.storage.manifest;

import java.util.List;

/**
 * A segment as the manifest lists it.
 *
 * @param id the segment's UUID, its folder name under the table's folder
 * @param rows its row count
 * @param indexes names of the table's indexes whose graph this segment has ({@code
 *     hnsw_<index>/} in its folder); a segment without the graph of an index is scanned exactly
 */
public record SegmentRef(String id, long rows, List<String> indexes) {

  public SegmentRef {
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  public SegmentRef(String id, long rows) {
    this(id, rows, List.of());
  }

  public boolean hasIndex(String name) {
    return indexes.contains(name);
  }

  public SegmentRef withIndexes(List<String> names) {
    return new SegmentRef(id, rows, names);
  }
}
