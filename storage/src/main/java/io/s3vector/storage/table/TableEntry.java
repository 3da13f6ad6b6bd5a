package io.s3vector.storage.table;

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
 */
public record TableEntry(
    String id,
    String directory,
    TableSchema schema,
    List<SegmentRef> segments,
    Map<String, Long> sequences) {

  public TableEntry {
    segments = List.copyOf(segments);
    sequences = java.util.Collections.unmodifiableMap(new TreeMap<>(sequences));
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

  TableEntry withAppended(List<SegmentRef> added, Map<String, Long> newSequences) {
    List<SegmentRef> all = new ArrayList<>(segments);
    all.addAll(added);
    Map<String, Long> seq = new TreeMap<>(sequences);
    seq.putAll(newSequences);
    return new TableEntry(id, directory, schema, all, seq);
  }

  TableEntry withSegments(List<SegmentRef> replaced) {
    return new TableEntry(id, directory, schema, replaced, sequences);
  }
}
