package io.s3vector.storage.table;

import io.s3vector.storage.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges small segments, which many small appends leave behind and which make scans slow (a
 * request and a decode per column per segment). Only runs of <em>adjacent</em> small segments are
 * merged, each into one segment at the run's place, so the table's row order — commit order, then
 * position — is exactly the same before and after. The manifest swap is a conditional commit: a
 * run is replaced only if its segments are all still there, adjacent, in the newest manifest, so a
 * concurrent append (or another server's compaction) is never lost. Replaced segments are deleted
 * after a grace period, as snapshots taken before the swap may still read them.
 */
final class Compactor {

  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  private final ManifestLog log;
  private final SegmentReader reader;
  private final SegmentWriter writer;
  private final ObjectStore store;
  private final StoreOptions options;
  private final ScheduledExecutorService background;
  private final SegmentIndexes indexes;
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();

  Compactor(ManifestLog log, SegmentReader reader, SegmentWriter writer, ObjectStore store,
      StoreOptions options, ScheduledExecutorService background, SegmentIndexes indexes) {
    this.indexes = indexes;
    this.log = log;
    this.reader = reader;
    this.writer = writer;
    this.store = store;
    this.options = options;
    this.background = background;
  }

  /** Schedules a compaction of the table when it has too many small segments. */
  void maybeSchedule(String table) {
    TableEntry entry = log.current().table(table);
    if (!options.compaction() || entry == null || smallSegments(entry) <= options.compactionThreshold()) {
      return;
    }
    if (scheduled.add(table)) {
      try {
        background.execute(
            () -> {
              scheduled.remove(table);
              try {
                compact(table);
              } catch (RuntimeException e) {
                LOG.warn("compaction of \"{}\" failed: {}", table, e.toString());
              }
            });
      } catch (RejectedExecutionException e) {
        scheduled.remove(table); // closing
      }
    }
  }

  private long smallSegments(TableEntry entry) {
    long small = 0;
    for (SegmentRef segment : entry.segments()) {
      if (segment.rows() < options.smallSegmentRows()) {
        small++;
      }
    }
    return small;
  }

  /** Merges the table's runs of adjacent small segments now; returns how many runs were merged. */
  int compact(String table) {
    TableEntry entry = log.refresh().table(table);
    if (entry == null || smallSegments(entry) <= options.compactionThreshold()) {
      return 0;
    }
    List<List<SegmentRef>> runs = mergeableRuns(entry);
    if (runs.isEmpty()) {
      return 0;
    }
    List<SegmentRef> merged = new ArrayList<>();
    for (List<SegmentRef> run : runs) {
      merged.add(merge(entry, run));
    }
    boolean[] applied = new boolean[runs.size()];
    log.commit(base -> replaceRuns(base, entry.id(), table, runs, merged, applied));
    int count = 0;
    for (int i = 0; i < runs.size(); i++) {
      if (applied[i]) {
        count++;
        List<SegmentRef> replaced = runs.get(i);
        deleteLater(entry.directory(), replaced);
      } else {
        SegmentWriter.delete(store, entry.directory(), merged.get(i).id());
      }
    }
    LOG.debug("compacted {} runs of small segments of \"{}\"", count, table);
    return count;
  }

  private static Manifest replaceRuns(Manifest base, String tableId, String table,
      List<List<SegmentRef>> runs, List<SegmentRef> merged, boolean[] applied) {
    java.util.Arrays.fill(applied, false);
    TableEntry entry = base.table(table);
    if (entry == null || !entry.id().equals(tableId)) {
      return base;
    }
    List<SegmentRef> segments = new ArrayList<>(entry.segments());
    boolean changed = false;
    for (int i = 0; i < runs.size(); i++) {
      List<SegmentRef> run = runs.get(i);
      int at = segments.indexOf(run.get(0));
      if (at < 0 || at + run.size() > segments.size()
          || !segments.subList(at, at + run.size()).equals(run)) {
        continue;
      }
      segments.subList(at, at + run.size()).clear();
      // graphs only of indexes the table still has
      List<String> names = new ArrayList<>();
      for (String name : merged.get(i).indexes()) {
        if (entry.index(name) != null) {
          names.add(name);
        }
      }
      segments.add(at, merged.get(i).withIndexes(names));
      applied[i] = true;
      changed = true;
    }
    return changed ? base.withTable(entry.withSegments(segments)) : base;
  }

  /** Maximal runs (at least two) of adjacent small segments whose vector widths agree. */
  private List<List<SegmentRef>> mergeableRuns(TableEntry entry) {
    List<List<SegmentRef>> runs = new ArrayList<>();
    List<SegmentRef> run = new ArrayList<>();
    Map<String, Integer> widths = new java.util.HashMap<>();
    for (SegmentRef segment : entry.segments()) {
      boolean small = segment.rows() < options.smallSegmentRows() && segment.rows() > 0;
      boolean fits = small && widthsAgree(entry.directory(), segment, widths);
      if (!fits) {
        closeRun(runs, run);
        run = new ArrayList<>();
        widths.clear();
        if (small) {
          widthsAgree(entry.directory(), segment, widths);
          run.add(segment);
        }
        continue;
      }
      run.add(segment);
    }
    closeRun(runs, run);
    return runs;
  }

  private static void closeRun(List<List<SegmentRef>> runs, List<SegmentRef> run) {
    if (run.size() >= 2) {
      runs.add(run);
    }
  }

  /** Whether the segment's non-NULL vector widths agree with (and then extend) {@code widths}. */
  private boolean widthsAgree(String directory, SegmentRef segment, Map<String, Integer> widths) {
    SegmentMeta meta = reader.meta(directory, segment.id());
    for (SegmentMeta.Column column : meta.columns()) {
      if (column.type() == ColumnType.VECTOR && column.nullCount() < meta.rowCount()) {
        Integer known = widths.get(column.name());
        if (known != null && known != column.dimension()) {
          return false;
        }
      }
    }
    for (SegmentMeta.Column column : meta.columns()) {
      if (column.type() == ColumnType.VECTOR && column.nullCount() < meta.rowCount()) {
        widths.put(column.name(), column.dimension());
      }
    }
    return true;
  }

  private SegmentRef merge(TableEntry entry, List<SegmentRef> run) {
    TableSchema schema = entry.schema();
    List<ColumnData> columns = new ArrayList<>();
    long rows = 0;
    for (SegmentRef segment : run) {
      rows += segment.rows();
    }
    for (ColumnSpec spec : schema.columns()) {
      List<ColumnData> parts = new ArrayList<>();
      for (SegmentRef segment : run) {
        SegmentMeta meta = reader.meta(entry.directory(), segment.id());
        for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
          parts.add(reader.chunk(entry.directory(), segment.id(), meta, spec, chunk));
        }
      }
      columns.add(ColumnData.concat(spec.type(), parts));
    }
    SegmentWriter.Written written = writer.write(entry.directory(), schema, columns);
    // a merged segment gets the graph of every index, whatever its size
    List<String> names = new ArrayList<>();
    for (IndexDefinition index : entry.indexes()) {
      int column = schema.indexOf(index.column());
      try {
        if (column >= 0 && indexes.build(entry.directory(), written.id(), index, columns.get(column))) {
          names.add(index.name());
        }
      } catch (RuntimeException e) {
        LOG.warn("could not build the graph of index \"{}\" for a merged segment of \"{}\": {}",
            index.name(), entry.schema().name(), e.toString());
      }
    }
    return new SegmentRef(written.id(), rows, names);
  }

  private void deleteLater(String directory, List<SegmentRef> segments) {
    Runnable delete = () -> {
      for (SegmentRef segment : segments) {
        SegmentWriter.delete(store, directory, segment.id());
      }
    };
    try {
      background.schedule(delete, options.deleteGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the segments stay as garbage
    }
  }
}
