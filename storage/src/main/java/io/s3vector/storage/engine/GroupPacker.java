package io.s3vector.storage.engine;

import io.s3vector.storage.keys.KeyChecks;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.write.GroupRows;
import io.s3vector.storage.write.SegmentRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the packs of a commit group's rows as the staged writes write their own segments: the
 * pack's key indexes kept for the key checks to come, its id held from the orphan sweeper until
 * the commit names it or drops it.
 */
final class GroupPacker implements GroupRows.Packer {

  private final ObjectStore store;
  private final SegmentWriter writer;
  private final SegmentIndexes indexes;
  private final KeyChecks keyChecks;
  private final Set<String> staged;

  GroupPacker(ObjectStore store, SegmentWriter writer, SegmentIndexes indexes, KeyChecks keyChecks,
      Set<String> staged) {
    this.store = store;
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
    List<SegmentRef> packs = SegmentRows.writeSegments(writer, directory, schema, rows,
        new ArrayList<>(), indexes);
    for (SegmentRef pack : packs) {
      staged.add(pack.id());
    }
    if (!schema.uniqueKeys().isEmpty()) {
      List<List<Object[]>> runs = SegmentRows.runsOfEqualDimensions(schema, rows);
      for (int i = 0; i < packs.size(); i++) {
        keyChecks.remember(directory, packs.get(i).id(), schema, runs.get(i));
      }
    }
    return packs;
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
}
