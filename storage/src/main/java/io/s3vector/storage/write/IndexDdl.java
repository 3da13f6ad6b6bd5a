package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.BuildProgress;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.IndexExistsException;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CREATE INDEX and DROP INDEX of HNSW indexes. Graphs are built and written before the manifest
 * that names them, like segments: a crash leaves only unreferenced graph objects. A segment that
 * has no graph of an index (too small, or appended while the index was being created) is scanned
 * exactly, so the manifest is never wrong, only sometimes slower.
 */
public final class IndexDdl {

  /** Rounds of "build the graphs of segments appended meanwhile" after the first commit. */
  private static final int CATCH_UP_ROUNDS = 3;

  private final ManifestLog log;
  private final SegmentIndexes indexes;
  private final StoreOptions options;
  private final ScheduledExecutorService background;
  private final IndexBuilds builds = new IndexBuilds();

  public IndexDdl(ManifestLog log, SegmentIndexes indexes, StoreOptions options,
      ScheduledExecutorService background) {
    this.log = log;
    this.indexes = indexes;
    this.options = options;
    this.background = background;
  }

  /** See {@link Table#createIndex(IndexDefinition, boolean)}. */
  public boolean create(String tableId, String table, IndexDefinition index, boolean ifNotExists) {
    TableEntry entry = current(tableId, table);
    int column = entry.schema().indexOf(index.column());
    if (column < 0) {
      throw new StorageException("column \"" + index.column() + "\" does not exist");
    }
    if (entry.schema().columns().get(column).type() != ColumnType.VECTOR) {
      throw new StorageException("operator class \"" + index.metric().opclass()
          + "\" does not accept data type " + entry.schema().columns().get(column).sqlType());
    }
    if (nameTaken(log.refresh(), index.name())) {
      if (ifNotExists) {
        return false;
      }
      throw new IndexExistsException(index.name());
    }
    Set<String> built = new HashSet<>();
    BuildProgress progress = BuildProgress.current();
    builds.starting(tableId, index.name());
    buildMissing(entry, index, built, progress);
    phase(progress, BuildProgress.Phase.COMMITTING);
    boolean[] created = new boolean[1];
    log.commit(base -> {
      created[0] = false;
      TableEntry now = base.table(table);
      if (now == null || !now.id().equals(tableId)) {
        throw new StorageException("relation \"" + table + "\" does not exist");
      }
      if (nameTaken(base, index.name())) {
        if (ifNotExists) {
          return base;
        }
        throw new IndexExistsException(index.name());
      }
      List<IndexDefinition> all = new ArrayList<>(now.indexes());
      all.add(index);
      created[0] = true;
      return base.withTable(now.withIndexes(all, mark(now.segments(), index, built)));
    });
    if (!created[0]) {
      return false;
    }
    // segments appended while the graphs were being built: give them theirs too
    for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
      TableEntry now = log.refresh().table(table);
      if (now == null || !now.id().equals(tableId) || !index.equals(now.index(index.name()))
          || !buildMissing(now, index, built, progress)) {
        break;
      }
      phase(progress, BuildProgress.Phase.COMMITTING);
      log.commit(base -> {
        TableEntry latest = base.table(table);
        if (latest == null || !latest.id().equals(tableId)
            || !index.equals(latest.index(index.name()))) {
          return base;
        }
        List<SegmentRef> marked = mark(latest.segments(), index, built);
        return marked.equals(latest.segments())
            ? base
            : base.withTable(latest.withSegments(marked));
      });
    }
    return true;
  }

  /** See {@link Table#dropIndex}. */
  public boolean drop(String tableId, String table, String name) {
    long buildsBefore = builds.startedSoFar(tableId, name);
    TableEntry[] before = new TableEntry[1];
    log.commit(base -> {
      TableEntry now = base.table(table);
      before[0] = null;
      if (now == null || !now.id().equals(tableId) || now.index(name) == null) {
        return base;
      }
      before[0] = now;
      List<IndexDefinition> rest = new ArrayList<>(now.indexes());
      rest.removeIf(index -> index.name().equals(name));
      List<SegmentRef> segments = new ArrayList<>();
      for (SegmentRef segment : now.segments()) {
        List<String> names = new ArrayList<>(segment.indexes());
        names.remove(name);
        segments.add(segment.withIndexes(names));
      }
      return base.withTable(now.withIndexes(rest, segments));
    });
    TableEntry dropped = before[0];
    if (dropped == null) {
      return false;
    }
    // snapshots taken before the drop may still search the graphs for a while
    Runnable delete = () -> {
      if (builds.startedSoFar(tableId, name) != buildsBefore) {
        return; // built again since: the same keys hold the new build's objects (IndexBuilds)
      }
      TableEntry now = log.current().table(table);
      for (SegmentRef segment : dropped.segments()) {
        if (segment.hasIndex(name) && !recreated(now, tableId, segment.id(), name)) {
          indexes.delete(dropped.directory(), segment.id(), name);
        }
      }
    };
    try {
      background.schedule(delete, options.deleteGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the graphs stay as garbage
    }
    return true;
  }

  /** Whether an index of the same name has since been created again over the same segment. */
  private static boolean recreated(TableEntry now, String tableId, String segmentId, String name) {
    if (now == null || !now.id().equals(tableId) || now.index(name) == null) {
      return false;
    }
    for (SegmentRef segment : now.segments()) {
      if (segment.id().equals(segmentId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Builds the graphs of the entry's large enough segments not yet in {@code built}, counting
   * their rows into {@code progress} (if any) before the first build starts.
   */
  private boolean buildMissing(TableEntry entry, IndexDefinition index, Set<String> built,
      BuildProgress progress) {
    List<SegmentRef> todo = new ArrayList<>();
    for (SegmentRef segment : entry.segments()) {
      if (!built.contains(segment.id()) && !segment.hasIndex(index.name())
          && indexes.indexes(segment.rows())) {
        todo.add(segment);
      }
    }
    if (todo.isEmpty()) {
      return false;
    }
    if (progress != null) {
      progress.addTotal(todo.stream().mapToLong(SegmentRef::rows).sum());
      progress.phase(BuildProgress.Phase.BUILDING);
    }
    boolean any = false;
    for (SegmentRef segment : todo) {
      boolean graph;
      if (!stillListed(entry, segment)) {
        // merged away since the list was made (a COPY's segments are merged soon after it):
        // the merged segment is built by the next round instead
        if (progress != null) {
          progress.addTotal(-segment.rows());
        }
        continue;
      }
      try {
        graph = indexes.buildStored(entry.directory(), segment, entry.schema(), index);
      } catch (StorageException e) {
        if (stillListed(entry, segment)) {
          throw e;
        }
        graph = false; // merged away (and deleted after the grace period) while we built: nothing to index
      }
      if (graph) {
        built.add(segment.id());
        any = true;
      } else if (progress != null) {
        progress.addTotal(-segment.rows()); // nothing of it was counted as done
      }
    }
    return any;
  }

  private static void phase(BuildProgress progress, BuildProgress.Phase phase) {
    if (progress != null) {
      progress.phase(phase);
    }
  }

  /** Whether the newest manifest still lists the segment. */
  private boolean stillListed(TableEntry entry, SegmentRef segment) {
    TableEntry now = log.refresh().table(entry.schema().name());
    return now != null && now.id().equals(entry.id())
        && now.segments().stream().anyMatch(s -> s.id().equals(segment.id()));
  }

  private static List<SegmentRef> mark(List<SegmentRef> segments, IndexDefinition index,
      Set<String> built) {
    List<SegmentRef> marked = new ArrayList<>();
    for (SegmentRef segment : segments) {
      if (built.contains(segment.id()) && !segment.hasIndex(index.name())) {
        List<String> names = new ArrayList<>(segment.indexes());
        names.add(index.name());
        marked.add(segment.withIndexes(names));
      } else {
        marked.add(segment);
      }
    }
    return marked;
  }

  /** Whether a table, an index or a sequence of the store has this name (one namespace of relations). */
  public static boolean nameTaken(Manifest manifest, String name) {
    return manifest.table(name) != null || manifest.tableOfIndex(name) != null
        || manifest.sequences().containsKey(name);
  }

  private TableEntry current(String tableId, String table) {
    TableEntry entry = log.refresh().table(table);
    if (entry == null || !entry.id().equals(tableId)) {
      throw new StorageException("relation \"" + table + "\" does not exist");
    }
    return entry;
  }
}
