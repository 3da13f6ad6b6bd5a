package io.s3vector.storage.manifest;

import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One table in the manifest.
 *
 * @param id a UUID given at CREATE TABLE, so that a table dropped and created again under the same
 *     name is a different table (an old handle cannot append to the new one)
 * @param directory the table's folder in the store ({@link Layout#tableDirectory})
 * @param schema the columns
 * @param segments the segments in commit order; the table's rows are theirs, in this order
 * @param sequences the last value handed out per serial column (absent: none yet, next is 1)
 * @param indexes the table's HNSW indexes ({@link SegmentRef#indexes()} says which segments have
 *     the graph of each)
 */
public record TableEntry(
    String id,
    String directory,
    TableSchema schema,
    List<SegmentRef> segments,
    Map<String, Long> sequences,
    List<IndexDefinition> indexes) {

  public TableEntry {
    segments = List.copyOf(segments);
    sequences = java.util.Collections.unmodifiableMap(new TreeMap<>(sequences));
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
  }

  public TableEntry(
      String id, String directory, TableSchema schema, List<SegmentRef> segments,
      Map<String, Long> sequences) {
    this(id, directory, schema, segments, sequences, List.of());
  }

  /** The index of this name, or null. */
  public IndexDefinition index(String name) {
    for (IndexDefinition index : indexes) {
      if (index.name().equals(name)) {
        return index;
      }
    }
    return null;
  }

  public long rowCount() {
    long rows = 0;
    for (SegmentRef segment : segments) {
      rows += segment.rows();
    }
    return rows;
  }

  public long lastSequenceValue(String column) {
    return sequences.getOrDefault(column, 0L);
  }

  public TableEntry withAppended(List<SegmentRef> added, Map<String, Long> newSequences) {
    List<SegmentRef> all = new ArrayList<>(segments);
    all.addAll(added);
    Map<String, Long> seq = new TreeMap<>(sequences);
    seq.putAll(newSequences);
    return new TableEntry(id, directory, schema, all, seq, indexes);
  }

  public TableEntry withSegments(List<SegmentRef> replaced) {
    return new TableEntry(id, directory, schema, replaced, sequences, indexes);
  }

  public TableEntry withIndexes(List<IndexDefinition> replaced, List<SegmentRef> newSegments) {
    return new TableEntry(id, directory, schema, newSegments, sequences, replaced);
  }
}
