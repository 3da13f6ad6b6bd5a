package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.hnsw.HnswGraph;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.TableSchema;
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
public final class Compactor {

  private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);

  private final ManifestLog log;
  private final SegmentReader reader;
  private final SegmentWriter writer;
  private final ObjectStore store;
  private final StoreOptions options;
  private final ScheduledExecutorService background;
  private final SegmentIndexes indexes;
  private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
  /** How long the records of merged-away segments are kept (see {@code StoreDatabase}). */
  private final java.util.function.LongSupplier movedRetentionMillis;
  /** Told of each merged segment written and of the segments a committed merge replaced. */
  private final MergeListener listener;
  private volatile boolean closing;

  /**
   * A merge starts a while after the commit that called for it (not postponed by later ones):
   * half a second, so the commits of a bulk load meanwhile join the same merge and a just
   * committed statement's segments are left alone for a moment, or sooner under a stream of small
   * commits ({@link MergePace}).
   */
  private final MergePace pace = new MergePace();
  /** A tier: segments within this factor of each other in rows... */
  static final int MERGE_FACTOR = 4;
  /** ... at least this many of them, adjacent. */
  static final int MIN_TIER_SEGMENTS = 5;
  /** Threads a merge builds graphs with: leaves a core to appends and queries. */
  private static final int BUILD_THREADS =
      Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  /** More segments than this are merged, smallest adjacent run first, even across tiers. */
  static final int MAX_SEGMENTS = 8;
  /** At most this many segments are merged at once (bounds a merge's duration). */
  static final int MAX_MERGE_AT_ONCE = 32;
  /**
   * ... except small segments (the packs of small commits, a few rows each), which a stream of
   * single-row commits makes by the thousand: every unique-key check and scan visits each
   * segment, so they are folded as fast as they come, all of a run at once.
   */
  static final int MAX_SMALL_MERGE_AT_ONCE = 8192;
  /** A merged segment has at most this many rows... */
  static final long MAX_MERGED_ROWS = 2_000_000;
  /** ... and at most this many bytes of vectors (a merge holds them in memory). */
  static final long MAX_MERGED_VECTOR_BYTES = 1L << 30;
  /**
   * The share of deleted rows from which a segment is rewritten without them, alone if no merge
   * takes it, and from which a merge drops them even from the segment whose graph it extends.
   */
  static final double PURGE_FRACTION = 0.5;

  /** Told what merges write and replace, for the caches of those segments. */
  public interface MergeListener {

    /**
     * A merged segment was written from {@code columns} (in schema order), before its commit:
     * e.g. its key indexes are built here, in the background, rather than read back by the first
     * commit that checks keys against it (under the commit lock).
     */
    void written(TableEntry entry, String segmentId, List<ColumnData> columns);

    /** A committed merge replaced these segments. */
    void replaced(TableEntry entry, List<SegmentRef> segments);
  }

  public Compactor(ManifestLog log, SegmentReader reader, SegmentWriter writer, ObjectStore store,
      StoreOptions options, ScheduledExecutorService background, SegmentIndexes indexes,
      java.util.function.LongSupplier movedRetentionMillis,
      MergeListener listener) {
    this.movedRetentionMillis = movedRetentionMillis;
    this.listener = listener;
    this.indexes = indexes;
    this.log = log;
    this.reader = reader;
    this.writer = writer;
    this.store = store;
    this.options = options;
    this.background = background;
  }

  /**
   * Schedules a compaction of the table when it has too many small segments or a tier of
   * similar-sized adjacent segments to merge ({@link #plan}). Cheap: looks at row counts only.
   * The background task merges one run, commits it, and schedules itself again while there is
   * more to merge, so deletes and other tables' merges queued meanwhile are not starved.
   */
  public void maybeSchedule(String table) {
    if (!options.compaction() || closing) {
      return;
    }
    if (scheduled.contains(table)) {
      return; // every commit calls this: counting the table's segments each time added up
    }
    TableEntry entry = log.current().table(table);
    if (entry == null
        || (smallSegments(entry) <= options.compactionThreshold()
            && plan(entry.segments(), segment -> segment.rows() > 0, segment -> 0L,
                options.minIndexedSegmentRows()) == null
            && mostlyDeleted(entry.segments()) == null)) {
      return;
    }
    if (scheduled.add(table)) {
      try {
        background.schedule(
            () -> {
              scheduled.remove(table);
              if (closing) {
                return;
              }
              int merged = 0;
              long started = pace.now();
              TableEntry now = log.current().table(table);
              long small = now == null ? 0 : smallSegments(now);
              try {
                merged = compact(table);
              } catch (RuntimeException | OutOfMemoryError e) {
                LOG.warn("compaction of \"{}\" failed: {}", table, e.toString());
                return;
              }
              if (merged > 0) {
                pace.merged(table, small, started);
                maybeSchedule(table); // more to merge: queued behind what waits meanwhile
              }
            },
            pace.delayMillis(table), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        scheduled.remove(table); // closing
      }
    }
  }

  /** Stops scheduling merges (the database is closing); a merge under way still finishes. */
  public void close() {
    closing = true;
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

  /**
   * Merges now: the table's runs of adjacent small segments when it has more small segments than
   * the threshold, and the one run {@link #plan} picks among the segments before them. Returns how
   * many runs were merged.
   */
  public int compact(String table) {
    // what the store held at most a refresh interval ago: this server's own commits install
    // themselves, and a merge planned on an older manifest than the newest is applied to the
    // newest or dropped (replaceRuns); reading the next version at every look was a fifth of
    // the merger's time under a stream of small commits, and a GET each on S3
    TableEntry entry = log.refreshIfStale().table(table);
    if (entry == null) {
      return 0;
    }
    List<List<SegmentRef>> runs = new ArrayList<>();
    if (smallSegments(entry) > options.compactionThreshold()) {
      runs.addAll(mergeableRuns(entry));
    }
    // under a stream of small commits their packs are the table's tail, folded above; the
    // segments before them still merge by tiers meanwhile (only folding them together with the
    // packs rewrote the table's last 10,000 rows at every fold)
    int before = runs.isEmpty() ? entry.segments().size() : entry.segments().indexOf(runs.get(0).get(0));
    List<SegmentRef> run = plan(entry.segments().subList(0, before), segment -> segment.rows() > 0,
        segment -> vectorBytes(entry.directory(), segment), options.minIndexedSegmentRows());
    if (run == null) {
      // nothing to merge there: a segment whose rows are mostly deleted is rewritten alone
      // without them (what VACUUM does for PostgreSQL): its dead rows cost every scan and walk
      run = mostlyDeleted(entry.segments().subList(0, before));
    }
    if (run != null && widthsAgree(entry.directory(), run)) {
      runs.add(0, run);
    }
    return replace(table, entry, runs, false);
  }

  /**
   * The segment with the most deleted rows among those with at least {@link #PURGE_FRACTION} of
   * their rows deleted, as a run of one; null when there is none.
   */
  static List<SegmentRef> mostlyDeleted(List<SegmentRef> segments) {
    SegmentRef most = null;
    for (SegmentRef segment : segments) {
      if (mostlyDeleted(segment) && (most == null || segment.deleted() > most.deleted())) {
        most = segment;
      }
    }
    return most == null ? null : List.of(most);
  }

  /**
   * VACUUM: every run of adjacent packed segments (a lone pack too) rewritten as one plain Zarr
   * segment, so that zarr-python reads every row of the table. Returns how many runs were.
   */
  public int fold(String table) {
    TableEntry entry = log.refresh().table(table);
    if (entry == null) {
      return 0;
    }
    List<List<SegmentRef>> runs = new ArrayList<>();
    List<SegmentRef> run = new ArrayList<>();
    Map<String, Integer> widths = new java.util.HashMap<>();
    for (SegmentRef segment : entry.segments()) {
      boolean packed = io.s3vector.storage.segment.SegmentPack.isPacked(segment.id());
      if (!packed || !widthsAgree(entry.directory(), segment, widths)) {
        if (!run.isEmpty()) {
          runs.add(run);
        }
        run = new ArrayList<>();
        widths.clear();
        if (packed) {
          widthsAgree(entry.directory(), segment, widths);
          run.add(segment);
        }
        continue;
      }
      run.add(segment);
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return replace(table, entry, runs, true);
  }

  /** Merges each run into one segment (plain Zarr when {@code plain}) and swaps them in. */
  private int replace(String table, TableEntry entry, List<List<SegmentRef>> runs, boolean plain) {
    if (runs.isEmpty()) {
      return 0;
    }
    long started = System.nanoTime();
    List<Merged> merged = new ArrayList<>();
    boolean[] applied = new boolean[runs.size()];
    // per run, every deletion set written for its merged segment; the committed one is kept
    List<List<String>> deletionSets = new ArrayList<>();
    String[] committedDeletes = new String[runs.size()];
    try {
      for (List<SegmentRef> run : runs) {
        Merged segment = merge(entry, run, plain);
        merged.add(segment);
        deletionSets.add(new ArrayList<>(segment.deletes() == null ? List.of() : List.of(segment.deletes())));
      }
      long retention = movedRetentionMillis.getAsLong();
      log.commit(base -> replaceRuns(base, entry, table, runs, merged, applied, retention,
          deletionSets, committedDeletes));
    } catch (RuntimeException | Error e) {
      java.util.Arrays.fill(applied, false);
      java.util.Arrays.fill(committedDeletes, null);
      forgetDeletionSets(entry, merged, deletionSets, committedDeletes, applied);
      for (Merged segment : merged) {
        if (segment.segment() != null) {
          SegmentWriter.delete(store, entry.directory(), segment.segment().id());
        }
      }
      throw e;
    }
    forgetDeletionSets(entry, merged, deletionSets, committedDeletes, applied);
    int count = 0;
    List<SegmentRef> written = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      SegmentRef segment = merged.get(i).segment();
      if (applied[i]) {
        count++;
        List<String> replaced = new ArrayList<>();
        for (SegmentRef input : runs.get(i)) {
          replaced.add(input.id());
        }
        deleteLater(entry.directory(), replaced);
        listener.replaced(entry, runs.get(i));
        if (segment != null) {
          written.add(segment);
        }
      } else if (segment != null) {
        SegmentWriter.delete(store, entry.directory(), segment.id());
      }
    }
    if (!written.isEmpty()) {
      buildMissingGraphs(table, entry.id(), written);
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("compacted {} runs ({} segments, {} rows, {} deleted rows dropped) of \"{}\" in {} ms",
          count, runs.stream().mapToInt(List::size).sum(),
          written.stream().mapToLong(SegmentRef::rows).sum(),
          merged.stream().mapToLong(m -> m.purged().size()).sum(), table,
          (System.nanoTime() - started) / 1_000_000);
    }
    return count;
  }

  /**
   * The next run of adjacent segments to merge, or null. First the longest run of at least {@link
   * #MIN_TIER_SEGMENTS} adjacent segments under {@code floorRows} (small commits), up to {@link
   * #MAX_SMALL_MERGE_AT_ONCE}. Then tiered: the run of at least {@link
   * #MIN_TIER_SEGMENTS} adjacent segments within a factor {@link #MERGE_FACTOR} of each other in
   * rows (counting a segment under {@code floorRows} as that many; a run only of such segments is
   * no tier) whose largest segment is smallest (then the longest such run); failing that, when there are
   * more than {@link #MAX_SEGMENTS} segments, the adjacent run with the fewest rows that brings the
   * count down to it (or as near as a merge can). A run never exceeds {@link #MAX_MERGED_ROWS},
   * {@link #MAX_MERGED_VECTOR_BYTES} or {@link #MAX_MERGE_AT_ONCE} segments, and holds only
   * segments {@code mergeable} accepts.
   */
  public static List<SegmentRef> plan(List<SegmentRef> segments,
      java.util.function.Predicate<SegmentRef> mergeable,
      java.util.function.ToLongFunction<SegmentRef> vectorBytes, long floorRows) {
    int n = segments.size();
    if (n < 2) {
      return null;
    }
    boolean[] ok = new boolean[n];
    long[] bytes = new long[n];
    for (int i = 0; i < n; i++) {
      SegmentRef segment = segments.get(i);
      ok[i] = segment.rows() < MAX_MERGED_ROWS && mergeable.test(segment);
      bytes[i] = ok[i] ? vectorBytes.applyAsLong(segment) : 0;
      ok[i] &= bytes[i] < MAX_MERGED_VECTOR_BYTES;
    }
    // the log of small commits: the longest run of small segments, folded whole
    int smallFrom = -1;
    int smallLength = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      long rows = 0;
      long vb = 0;
      while (j < n && j - i < MAX_SMALL_MERGE_AT_ONCE && ok[j] && segments.get(j).rows() < floorRows
          && rows + segments.get(j).rows() <= MAX_MERGED_ROWS && vb + bytes[j] <= MAX_MERGED_VECTOR_BYTES) {
        rows += segments.get(j).rows();
        vb += bytes[j];
        j++;
      }
      if (j - i > smallLength) {
        smallFrom = i;
        smallLength = j - i;
      }
      i = Math.max(j, i + 1);
    }
    if (smallLength >= MIN_TIER_SEGMENTS) {
      return List.copyOf(segments.subList(smallFrom, smallFrom + smallLength));
    }
    // tiers
    int bestFrom = -1;
    int bestLength = 0;
    long bestMax = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      long min = Long.MAX_VALUE;
      long max = 0;
      long rows = 0;
      long vb = 0;
      for (int j = i; j < n && j - i < MAX_MERGE_AT_ONCE && ok[j]; j++) {
        long r = Math.max(Math.max(1, floorRows), segments.get(j).rows());
        long nmin = Math.min(min, r);
        long nmax = Math.max(max, r);
        if (nmax > (long) MERGE_FACTOR * nmin || rows + r > MAX_MERGED_ROWS
            || vb + bytes[j] > MAX_MERGED_VECTOR_BYTES) {
          break;
        }
        min = nmin;
        max = nmax;
        rows += r;
        vb += bytes[j];
        int length = j - i + 1;
        if (length >= MIN_TIER_SEGMENTS && largest(segments, i, j) >= floorRows
            && (max < bestMax || (max == bestMax && length > bestLength))) {
          bestFrom = i;
          bestLength = length;
          bestMax = max;
        }
      }
    }
    if (bestFrom >= 0) {
      return List.copyOf(segments.subList(bestFrom, bestFrom + bestLength));
    }
    if (n <= MAX_SEGMENTS) {
      return null;
    }
    // too many segments: the lightest adjacent run, as long as brings the count to the limit
    for (int length = Math.min(n - MAX_SEGMENTS + 1, MAX_MERGE_AT_ONCE); length >= 2; length--) {
      int from = -1;
      long least = Long.MAX_VALUE;
      for (int i = 0; i + length <= n; i++) {
        long rows = 0;
        long vb = 0;
        boolean fits = true;
        for (int j = i; j < i + length && fits; j++) {
          rows += segments.get(j).rows();
          vb += bytes[j];
          fits = ok[j];
        }
        if (fits && rows <= MAX_MERGED_ROWS && vb <= MAX_MERGED_VECTOR_BYTES && rows < least) {
          least = rows;
          from = i;
        }
      }
      if (from >= 0) {
        return List.copyOf(segments.subList(from, from + length));
      }
    }
    return null;
  }

  private static long largest(List<SegmentRef> segments, int from, int to) {
    long largest = 0;
    for (int i = from; i <= to; i++) {
      largest = Math.max(largest, segments.get(i).rows());
    }
    return largest;
  }

  /** Bytes of the segment's vectors (rows times the widths of its vector columns). */
  private long vectorBytes(String directory, SegmentRef segment) {
    SegmentMeta meta = reader.meta(directory, segment.id());
    long bytes = 0;
    for (SegmentMeta.Column column : meta.columns()) {
      if (column.type() == ColumnType.VECTOR) {
        bytes += 4L * column.dimension() * meta.rowCount();
      }
    }
    return bytes;
  }

  /** Whether the non-NULL vector widths of the run's segments agree. */
  private boolean widthsAgree(String directory, List<SegmentRef> run) {
    Map<String, Integer> widths = new java.util.HashMap<>();
    for (SegmentRef segment : run) {
      if (!widthsAgree(directory, segment, widths)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Graphs of indexes created while the merge was under way, which its segment lacks: built now
   * and marked in a second commit (until then the segment is scanned exactly, never wrong).
   */
  private void buildMissingGraphs(String table, String tableId, List<SegmentRef> merged) {
    TableEntry now = log.refreshIfStale().table(table); // the merge's commit just installed it
    if (now == null || !now.id().equals(tableId)) {
      return;
    }
    Map<String, List<String>> built = new java.util.HashMap<>();
    for (int i = 0; i < merged.size(); i++) {
      SegmentRef segment = null;
      for (SegmentRef s : now.segments()) {
        if (s.id().equals(merged.get(i).id())) {
          segment = s;
        }
      }
      if (segment == null) {
        continue;
      }
      for (IndexDefinition index : now.indexes()) {
        if (segment.hasIndex(index.name())) {
          continue;
        }
        try {
          if (indexes.buildStored(now.directory(), segment, now.schema(), index, BUILD_THREADS)) {
            built.computeIfAbsent(segment.id(), id -> new ArrayList<>()).add(index.name());
          }
        } catch (RuntimeException e) {
          LOG.warn("could not build the graph of index \"{}\" for a merged segment of \"{}\": {}",
              index.name(), table, e.toString());
        }
      }
    }
    if (built.isEmpty()) {
      return;
    }
    log.commit(base -> {
      TableEntry latest = base.table(table);
      if (latest == null || !latest.id().equals(tableId)) {
        return base;
      }
      List<SegmentRef> segments = new ArrayList<>();
      boolean changed = false;
      for (SegmentRef segment : latest.segments()) {
        List<String> names = built.get(segment.id());
        if (names == null) {
          segments.add(segment);
          continue;
        }
        List<String> all = new ArrayList<>(segment.indexes());
        for (String name : names) {
          if (latest.index(name) != null && !all.contains(name)) {
            all.add(name);
            changed = true;
          }
        }
        segments.add(segment.withIndexes(all));
      }
      return changed ? base.withTable(latest.withSegments(segments)) : base;
    });
  }

  /**
   * {@code base} with each run that is still in place replaced by its merged segment (a run that
   * had no live row just leaves the list). A run whose segments have lost rows since they were
   * read (a DELETE or UPDATE committed meanwhile, which under a stream of updates happens to
   * nearly every run) is still replaced: the merged segment gets the run's deletions as they are
   * now.
   */
  private Manifest replaceRuns(Manifest base, TableEntry read, String table,
      List<List<SegmentRef>> runs, List<Merged> merged, boolean[] applied, long graceMillis,
      List<List<String>> deletionSets, String[] committedDeletes) {
    java.util.Arrays.fill(applied, false);
    java.util.Arrays.fill(committedDeletes, null);
    TableEntry entry = base.table(table);
    if (entry == null || !entry.id().equals(read.id())) {
      return base;
    }
    List<SegmentRef> segments = new ArrayList<>(entry.segments());
    boolean changed = false;
    Map<String, TableEntry.Moved> moves = new java.util.HashMap<>();
    long now = System.currentTimeMillis();
    for (int i = 0; i < runs.size(); i++) {
      List<SegmentRef> run = runs.get(i);
      List<SegmentRef> current = inPlace(segments, run);
      if (current == null) {
        continue;
      }
      int at = segments.indexOf(current.get(0));
      segments.subList(at, at + run.size()).clear();
      applied[i] = true;
      changed = true;
      SegmentRef into = merged.get(i).segment();
      if (into == null) {
        continue; // every row of the run was deleted: a write deleting one of them conflicts
      }
      if (!current.equals(run)) {
        into = withDeletions(read, current, deletionSets(read, current),
            into.withDeletes(null, 0), merged.get(i).purged());
        if (into.deletes() != null) {
          deletionSets.get(i).add(into.deletes());
        }
      }
      committedDeletes[i] = into.deletes();
      // graphs only of indexes the table still has
      List<String> names = new ArrayList<>();
      for (String name : into.indexes()) {
        if (entry.index(name) != null) {
          names.add(name);
        }
      }
      segments.add(at, into.withIndexes(names));
      long offset = 0;
      for (SegmentRef segment : run) {
        moves.put(segment.id(),
            new TableEntry.Moved(into.id(), offset, now, merged.get(i).purgedName()));
        offset += segment.rows();
      }
    }
    return changed
        ? base.withTable(entry.withSegments(segments).withMoved(moves, now, graceMillis))
        : base;
  }

  /**
   * Drops the deletion sets written for merged segments that their commit does not name (written
   * at the merge, then again at a swap that found more rows deleted; the set of purged rows of a
   * merge that did not land): a small one is only staged until a commit names it ({@code
   * InlineBlobs}), and would otherwise stay in memory for an hour.
   */
  private void forgetDeletionSets(TableEntry entry, List<Merged> merged,
      List<List<String>> deletionSets, String[] committedDeletes, boolean[] applied) {
    for (int i = 0; i < merged.size(); i++) {
      Merged run = merged.get(i);
      List<String> unnamed = new ArrayList<>();
      for (String name : deletionSets.get(i)) {
        if (!name.equals(committedDeletes[i])) {
          unnamed.add(name);
        }
      }
      if (!applied[i] && run.purgedName() != null) {
        unnamed.add(run.purgedName());
      }
      for (String name : unnamed) {
        try {
          store.delete(DeletionSet.key(entry.directory(), run.segment().id(), name));
        } catch (StorageException e) {
          // garbage stays; nothing refers to it
        }
      }
    }
  }

  /**
   * The segments of {@code segments} where {@code run} was, as they are now, when they are the
   * same segments in the same order (their deletion sets may have grown); else null.
   */
  private static List<SegmentRef> inPlace(List<SegmentRef> segments, List<SegmentRef> run) {
    int at = -1;
    for (int s = 0; s < segments.size() && at < 0; s++) {
      if (segments.get(s).id().equals(run.get(0).id())) {
        at = s;
      }
    }
    if (at < 0 || at + run.size() > segments.size()) {
      return null;
    }
    List<SegmentRef> current = segments.subList(at, at + run.size());
    for (int k = 0; k < run.size(); k++) {
      if (!current.get(k).id().equals(run.get(k).id())) {
        return null;
      }
    }
    return List.copyOf(current);
  }

  /**
   * Maximal runs (at least two) of adjacent small segments whose vector widths agree; small here
   * is also under the rows a graph needs (the packs of small commits), so that a fold of the
   * packs leaves the indexed segments before them to the tiers.
   */
  private List<List<SegmentRef>> mergeableRuns(TableEntry entry) {
    long foldRows = options.minIndexedSegmentRows() > 0
        ? Math.min(options.smallSegmentRows(), options.minIndexedSegmentRows())
        : options.smallSegmentRows();
    List<List<SegmentRef>> runs = new ArrayList<>();
    List<SegmentRef> run = new ArrayList<>();
    Map<String, Integer> widths = new java.util.HashMap<>();
    for (SegmentRef segment : entry.segments()) {
      boolean small = segment.rows() < foldRows && segment.rows() > 0;
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

  /**
   * A run merged: its segment (null when no row of the run was live: the run then just leaves
   * the list), the deleted rows the merge dropped ({@code purged}: positions of the run's rows one
   * after another) and the name of the deletion set of the merged segment that records them for
   * the merge records ({@link TableEntry.Moved#purged}; null when none were dropped).
   */
  private record Merged(SegmentRef segment, DeletionSet purged, String purgedName) {
    String deletes() {
      return segment == null ? null : segment.deletes();
    }
  }

  /**
   * Merges the run into one segment without its deleted rows, except those of the segment whose
   * graph the merged one extends ({@link #keeper}): a graph names rows by position, and building
   * it anew costs more than carrying a few dead rows.
   */
  private Merged merge(TableEntry entry, List<SegmentRef> run, boolean plain) {
    TableSchema schema = entry.schema();
    List<DeletionSet> deleted = deletionSets(entry, run);
    int keeper = keeper(entry, run);
    DeletionSet purged = DeletionSet.EMPTY;
    long inputRows = 0;
    for (int i = 0; i < run.size(); i++) {
      if (i != keeper && !deleted.get(i).isEmpty()) {
        purged = purged.union(deleted.get(i).shifted(Math.toIntExact(inputRows)));
      }
      inputRows += run.get(i).rows();
    }
    long rows = inputRows - purged.size();
    if (rows == 0) {
      return new Merged(null, purged, null);
    }
    int[] live = purged.isEmpty() ? null : purged.complement(Math.toIntExact(inputRows));
    List<ColumnData> columns = new ArrayList<>();
    for (ColumnSpec spec : schema.columns()) {
      // every chunk of the run in one round, past the in-process cache (queries need it more)
      List<SegmentReader.ChunkRef> refs = new ArrayList<>();
      for (SegmentRef segment : run) {
        SegmentMeta meta = reader.meta(entry.directory(), segment.id());
        for (int chunk = 0; chunk < meta.chunkCount(); chunk++) {
          refs.add(new SegmentReader.ChunkRef(entry.directory(), segment.id(), meta, spec, chunk));
        }
      }
      ColumnData all = ColumnData.concat(spec.type(), reader.chunks(refs, false));
      columns.add(live == null ? all : all.rowsAt(live));
    }
    // merged logs stay one object until the segment is large enough for a graph
    SegmentWriter.Written written = writer.write(entry.directory(), schema, columns,
        !plain && indexes.packs(rows));
    listener.written(entry, written.id(), columns);
    // a merged segment gets the graph of every index, whatever its size: the largest graph of
    // the run extended with the other rows, or built anew when no segment of the run has one
    List<String> names = new ArrayList<>();
    for (IndexDefinition index : entry.indexes()) {
      int column = schema.indexOf(index.column());
      try {
        if (column < 0) {
          continue;
        }
        Base base = largestGraph(entry, run, deleted, keeper, purged, index,
            schema.columns().get(column));
        // its IVF centroids too, when they fit (IvfIndex.reusable): no k-means per merge
        float[] trained = base == null ? null : centroidsOf(entry, base.segmentId(), index);
        if (indexes.build(entry.directory(), written.id(), index, columns.get(column),
            base == null ? null : base.graph(), base == null ? 0 : base.offset(), trained,
            BUILD_THREADS)) {
          names.add(index.name());
        }
      } catch (RuntimeException e) {
        LOG.warn("could not build the graph of index \"{}\" for a merged segment of \"{}\": {}",
            index.name(), entry.schema().name(), e.toString());
      }
    }
    SegmentRef segment = withDeletions(entry, run, deleted,
        new SegmentRef(written.id(), rows, names), purged);
    String purgedName = purged.isEmpty() ? null
        : reader.writeDeletions(store, entry.directory(), written.id(), purged);
    return new Merged(segment, purged, purgedName);
  }

  /** The deleted rows of each segment of the run (empty sets for those without). */
  private List<DeletionSet> deletionSets(TableEntry entry, List<SegmentRef> run) {
    List<String> ids = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SegmentRef segment : run) {
      ids.add(segment.id());
      names.add(segment.deletes());
    }
    if (names.stream().allMatch(java.util.Objects::isNull)) {
      return java.util.Collections.nCopies(run.size(), DeletionSet.EMPTY);
    }
    return reader.deletions(entry.directory(), ids, names, reader.backgroundStats());
  }

  /**
   * The run's segment whose deleted rows a merge keeps, or -1: the largest one with a graph (which
   * the merged segment's graph extends), while under {@link #PURGE_FRACTION} of its rows are
   * deleted; past that, its dead rows cost walks more than a new graph costs once.
   */
  private static int keeper(TableEntry entry, List<SegmentRef> run) {
    int keeper = -1;
    for (int i = 0; i < run.size(); i++) {
      SegmentRef segment = run.get(i);
      boolean graph = false;
      for (IndexDefinition index : entry.indexes()) {
        graph |= segment.hasIndex(index.name());
      }
      if (graph && (keeper < 0 || segment.rows() > run.get(keeper).rows())) {
        keeper = i;
      }
    }
    return keeper >= 0 && mostlyDeleted(run.get(keeper)) ? -1 : keeper;
  }

  /** Whether at least {@link #PURGE_FRACTION} of the segment's rows are deleted. */
  static boolean mostlyDeleted(SegmentRef segment) {
    return segment.rows() > 0 && segment.deleted() >= PURGE_FRACTION * segment.rows();
  }

  /**
   * The merged segment with the deleted rows of its run ({@code sets}, one per segment; shifted to
   * their new positions, those the merge dropped left out). Rows deleted after the run was read
   * are added at the swap ({@link #replaceRuns}).
   */
  private SegmentRef withDeletions(TableEntry entry, List<SegmentRef> run, List<DeletionSet> sets,
      SegmentRef merged, DeletionSet purged) {
    DeletionSet all = DeletionSet.EMPTY;
    long offset = 0;
    for (int i = 0; i < run.size(); i++) {
      all = all.union(sets.get(i).shifted((int) offset));
      offset += run.get(i).rows();
    }
    all = all.afterPurge(purged);
    if (all.isEmpty()) {
      return merged;
    }
    String name = reader.writeDeletions(store, entry.directory(), merged.id(), all);
    return merged.withDeletes(name, all.size());
  }

  /** The centroids of a segment's IVF index, or null (then trained anew: slower, never wrong). */
  private float[] centroidsOf(TableEntry entry, String segmentId, IndexDefinition index) {
    try {
      return indexes.centroids(entry.directory(), segmentId, index);
    } catch (RuntimeException e) {
      LOG.warn("could not read the IVF index \"{}\" of segment {}: {}; training anew",
          index.name(), segmentId, e.toString());
      return null;
    }
  }

  /** The graph a merge extends: of segment {@code segmentId}, whose rows start at {@code offset}. */
  private record Base(String segmentId, HnswGraph graph, int offset) {}

  /**
   * The graph of the run's largest segment that has one for {@code index} and lost no row to the
   * merge (the keeper, or a segment without deleted rows), at its position in the merged segment;
   * null when none has (or it cannot be read: the merge then builds the graph anew, slower but
   * never wrong).
   */
  private Base largestGraph(TableEntry entry, List<SegmentRef> run, List<DeletionSet> deleted,
      int keeper, DeletionSet purged, IndexDefinition index, ColumnSpec spec) {
    SegmentRef largest = null;
    long largestStart = 0;
    long start = 0; // in the merged segment: the rows kept before this segment
    for (int i = 0; i < run.size(); i++) {
      SegmentRef segment = run.get(i);
      boolean whole = i == keeper || deleted.get(i).isEmpty();
      if (whole && segment.hasIndex(index.name())
          && (largest == null || segment.rows() > largest.rows())) {
        largest = segment;
        largestStart = start;
      }
      start += segment.rows() - (i == keeper ? 0 : deleted.get(i).size());
    }
    if (largest == null) {
      return null;
    }
    try {
      HnswGraph graph = indexes.graph(entry.directory(), largest.id(),
          reader.meta(entry.directory(), largest.id()), spec, index);
      return graph == null ? null : new Base(largest.id(), graph, (int) largestStart);
    } catch (RuntimeException e) {
      LOG.warn("could not read the graph of index \"{}\" in segment {}: {}; building anew",
          index.name(), largest.id(), e.toString());
      return null;
    }
  }

  /**
   * Deletes the segments after the grace period (snapshots that still list them keep working
   * until then).
   */
  public void deleteLater(String directory, java.util.Collection<String> segmentIds) {
    List<String> ids = List.copyOf(segmentIds);
    Runnable delete = () -> {
      for (String id : ids) {
        SegmentWriter.delete(store, directory, id);
      }
    };
    try {
      background.schedule(delete, options.deleteGrace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the segments stay as garbage
    }
  }
}
