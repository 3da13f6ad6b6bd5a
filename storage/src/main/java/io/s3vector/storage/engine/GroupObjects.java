package io.s3vector.storage.engine;

import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.keys.KeyChecks;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.write.GroupWrites;
import io.s3vector.storage.write.SegmentRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The objects of writes, for the staged writes and their commit group's leader alike: segments
 * and packs of new rows (the key indexes kept for the key checks to come, the id held from the
 * orphan sweeper until the commit names or drops it) and deletion sets.
 */
final class GroupObjects implements GroupWrites.Objects {

  private final ObjectStore store;
  private final SegmentReader reader;
  private final ReadStats stats;
  private final SegmentWriter writer;
  private final SegmentIndexes indexes;
  private final KeyChecks keyChecks;
  private final Set<String> staged;

  GroupObjects(ObjectStore store, SegmentReader reader, ReadStats stats, SegmentWriter writer,
      SegmentIndexes indexes, KeyChecks keyChecks, Set<String> staged) {
    this.store = store;
    this.reader = reader;
    this.stats = stats;
    this.writer = writer;
    this.indexes = indexes;
    this.keyChecks = keyChecks;
    this.staged = staged;
  }

  @Override
  public boolean packs(long rows) {
    return indexes.packs(rows);
  }

  @Override
  public List<SegmentRef> write(String directory, TableSchema schema, List<Object[]> rows) {
    return writeRows(directory, schema, rows, new ArrayList<>());
  }

  /**
   * Writes rows as new segments (packs when small) as every write does: held from the sweeper,
   * their key indexes kept; each segment's columns added to {@code columnsOut}.
   */
  List<SegmentRef> writeRows(String directory, TableSchema schema, List<Object[]> rows,
      List<List<ColumnData>> columnsOut) {
    List<SegmentRef> segments =
        SegmentRows.writeSegments(writer, directory, schema, rows, columnsOut, indexes);
    for (SegmentRef segment : segments) {
      staged.add(segment.id());
    }
    if (!schema.uniqueKeys().isEmpty()) {
      List<List<Object[]>> runs = SegmentRows.runsOfEqualDimensions(schema, rows);
      for (int i = 0; i < segments.size(); i++) {
        keyChecks.remember(directory, segments.get(i).id(), schema, runs.get(i));
      }
    }
    return segments;
  }

  @Override
  public void discard(String directory, List<SegmentRef> packs) {
    for (SegmentRef pack : packs) {
      SegmentWriter.delete(store, directory, pack.id());
    }
  }

  @Override
  public void released(List<SegmentRef> packs) {
    for (SegmentRef pack : packs) {
      staged.remove(pack.id());
    }
  }

  @Override
  public DeletionSet deletions(String directory, String segmentId, String name) {
    return reader.deletions(directory, List.of(segmentId), Collections.singletonList(name), stats)
        .get(0);
  }

  @Override
  public String writeDeletions(String directory, String segmentId, String previous,
      DeletionSet added, DeletionSet all) {
    return reader.writeDeletions(store, directory, segmentId, previous, added, all);
  }

  @Override
  public void discardDeletions(String directory, String segmentId, String name) {
    store.delete(DeletionSet.key(directory, segmentId, name));
  }
}
