package io.s3vector.storage.engine;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.SharedEnds;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.keys.KeyChecks;
import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.keys.LiveKeys;
import io.s3vector.storage.manifest.ObservedManifest;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.SequenceExhaustedException;
import io.s3vector.storage.table.SerialOptions;
import io.s3vector.storage.table.SerialSequence;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.WriteConflictException;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.write.GroupCommitter;
import io.s3vector.storage.write.GroupWrites;
import io.s3vector.storage.write.SegmentRows;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StagedWrite} of a {@link StoreDatabase}. Per table: the rows not yet written (the
 * buffer) and the segments already written. At {@link #commit()} the buffer becomes the last
 * segments, every graph is built, and only then is the manifest committed — one cheap change
 * applied under the commit lock, which names every staged segment of every table. A buffer too
 * small for a graph is handed to the commit group instead, whose leader writes the group's rows
 * of the table as one pack ({@link GroupWrites}).
 *
 * <p>Serial values of the last buffer are taken optimistically from the sequences of the newest
 * manifest: the commit checks they have not moved and otherwise writes that segment again with
 * reserved values, so a single-statement write costs one manifest commit, as a group commit does.
 * Once two writes of this server collided so, the table's writes take reserved values for a while
 * ({@link StoreTable#contendSerials}).
 */
final class StoreStagedWrite implements StagedWrite {

  private static final Logger LOG = LoggerFactory.getLogger(StoreStagedWrite.class);

  /** Raised inside the manifest change when a sequence used by the last segment has moved. */
  private static final class SequenceMoved extends RuntimeException {
    SequenceMoved() {
      super(null, null, false, false);
    }
  }

  /** A written, not yet committed segment and the indexes whose graph it has. */
  private static final class Staged {
    final SegmentRef ref;
    final Set<IndexDefinition> graphs = new HashSet<>();
    /** The deletion set written for it at the commit (rows this write inserted and deleted). */
    String deletes;

    Staged(SegmentRef ref) {
      this.ref = ref;
    }
  }

  /** What is staged for one table. */
  private static final class Part {
    final StoreTable table;
    final String directory;
    /** The schema the buffered rows are for: the newest one as of the last staged rows. */
    TableSchema schema;
    List<Object[]> buffer = new ArrayList<>();
    /** The unique keys of {@link #buffer}'s rows, by key name (built on demand, for that list). */
    Map<String, java.util.TreeSet<Object[]>> bufferKeys = new HashMap<>();
    /** The buffer (and its size) {@link #bufferKeys} was built for. */
    List<Object[]> keyedBuffer;
    int keyedRows;
    long bufferedBytes;
    final List<Staged> segments = new ArrayList<>();
    /** The segments written from the buffer by the current commit attempt. */
    final List<Staged> last = new ArrayList<>();
    /**
     * The buffer when the current commit attempt hands it to its group instead (a pack's worth of
     * rows: the group's leader packs them with the group's other rows of the table), else null.
     */
    List<Object[]> handed;
    /** Sequence counters the last segments were numbered from (column → counter before). */
    Map<String, Long> numberedFrom = Map.of();
    /** The sequences (options, origin) those counters were mapped to values with. */
    Map<String, SerialSequence> numberedWith = Map.of();
    Map<String, Long> advancedTo = Map.of();
    /** Rows deleted, by segment id (committed segments and this write's own). */
    Map<String, DeletionSet> deletes = new LinkedHashMap<>();
    /** Segments TRUNCATE removed (committed ones, and this write's own staged before it). */
    Set<String> truncated = new HashSet<>();
    /** The row count of each segment TRUNCATE removed (to find its rows after a merge). */
    final Map<String, Long> truncatedRows = new HashMap<>();
    /**
     * After TRUNCATE ... RESTART IDENTITY: per serial column, the counter this write numbered to
     * from START (the sequence the commit leaves); null when the sequences were not restarted.
     */
    Map<String, Long> restarted;
    /** Deletion sets written for committed segments: segment id → the set it extends and the new one. */
    final Map<String, PreparedDeletes> prepared = new HashMap<>();
    /** Committed segments the last commit attempt left without a live row (they leave the list). */
    final List<String> emptied = new ArrayList<>();
    /**
     * The segments the statements checked the unique keys of their rows against (the first
     * statement's snapshot), or null; see {@link StagedWrite#write(Table, List, TableSnapshot)}.
     */
    List<SegmentRef> keysCheckedAgainst;
    /** Whether rows were staged whose keys no statement checked: the commit checks them all. */
    boolean keysUnchecked;

    Part(StoreTable table, TableEntry entry) {
      this.table = table;
      this.directory = entry.directory();
      this.schema = entry.schema();
    }

    /** Every segment this write has staged: the earlier ones, then the current attempt's. */
    List<Staged> allStaged() {
      List<Staged> all = new ArrayList<>(segments.size() + last.size());
      all.addAll(segments);
      all.addAll(last);
      return all;
    }
  }

  /** A committed segment's new deletion set, written before the commit: valid while {@code base} is current. */
  private record PreparedDeletes(String base, DeletionSet ours, String name, long count) {}

  /** What {@link #mark()} returns: per table, how much was staged. */
  private record Mark(Map<String, PartMark> parts) {}

  private record PartMark(int segments, Map<String, DeletionSet> deletes,
      Set<String> truncated, Map<String, Long> restarted) {}

  private final StoreDatabase database;
  private final Map<String, Part> parts = new LinkedHashMap<>();
  private long rows;
  private boolean committed;
  private boolean aborted;

  StoreStagedWrite(StoreDatabase database) {
    this.database = database;
  }

  @Override
  public synchronized void write(Table table, List<Object[]> rows) {
    stage(table, rows, null, null);
  }

  @Override
  public synchronized void write(Table table, List<Object[]> rows, TableSnapshot checked) {
    stage(table, rows, null, checked);
  }

  /** {@link #write} returning the staged copies of the rows: serial values are filled in by the time {@link #commit} returns. */
  synchronized List<Object[]> writeAll(Table table, List<Object[]> rows) {
    List<Object[]> copies = new ArrayList<>(rows.size());
    stage(table, rows, copies, null);
    return copies;
  }

  /**
   * Stages the rows (their copies into {@code copies} when not null); {@code checked}: the
   * snapshot the statement checked their unique keys against, or null when none did.
   */
  private void stage(Table table, List<Object[]> newRows, List<Object[]> copies,
      TableSnapshot checked) {
    open();
    if (!(table instanceof StoreTable store) || store.database() != database) {
      throw new IllegalArgumentException("table \"" + table.name() + "\" is not of this database");
    }
    Part part = part(store);
    TableSchema now = entry(database.manifest(), store).schema();
    if (!now.equals(part.schema)) {
      // ALTER TABLE committed since the block's last rows: those go out as segments of the schema
      // they were written for (reads give added columns their missing value there)
      flush(part);
      part.schema = now;
      part.keysUnchecked = true; // its unique keys may be others than the statements checked
    }
    store.check(part.schema, newRows);
    if (!(checked instanceof StoreSnapshot snapshot)) {
      part.keysUnchecked |= !newRows.isEmpty();
    } else if (part.keysCheckedAgainst == null) {
      // the first statement's snapshot is the oldest: a segment of it still committed at the
      // commit was committed at every later statement's snapshot too (segments never come back)
      part.keysCheckedAgainst = snapshot.segments();
    }
    for (Object[] row : newRows) {
      Object[] copy = row.clone();
      part.buffer.add(copy);
      part.bufferedBytes += estimatedBytes(copy);
      if (copies != null) {
        copies.add(copy);
      }
    }
    rows += newRows.size();
    if (part.bufferedBytes >= database.options().stagedSegmentBytes()) {
      flush(part);
    }
  }

  private Part part(StoreTable store) {
    Part part = parts.get(store.id());
    if (part == null) {
      part = new Part(store, entry(database.manifest(), store));
      parts.put(store.id(), part);
    }
    return part;
  }

  private StoreTable storeTable(String name, String id) {
    Table table = database.table(name).orElse(null);
    if (!(table instanceof StoreTable store) || !store.id().equals(id)) {
      throw new StorageException("relation \"" + name + "\" does not exist");
    }
    return store;
  }

  @Override
  public synchronized void delete(TableSnapshot snapshot, long[] rowNumbers) {
    open();
    if (!(snapshot instanceof StoreSnapshot rows)) {
      throw new IllegalArgumentException("not a snapshot of this database");
    }
    Part part = part(storeTable(rows.schema().name(), rows.tableId()));
    Map<String, List<Integer>> bySegment = new LinkedHashMap<>();
    for (long rowNumber : rowNumbers) {
      int s = rows.segmentOf(rowNumber);
      bySegment.computeIfAbsent(rows.segments().get(s).id(), id -> new ArrayList<>())
          .add(rows.positionOf(rowNumber, s));
    }
    for (Map.Entry<String, List<Integer>> e : bySegment.entrySet()) {
      int[] positions = e.getValue().stream().mapToInt(Integer::intValue).toArray();
      part.deletes.merge(e.getKey(), DeletionSet.of(positions), DeletionSet::union);
    }
  }

  @Override
  public synchronized void truncate(Table table) {
    open();
    if (!(table instanceof StoreTable store) || store.database() != database) {
      throw new IllegalArgumentException("table \"" + table.name() + "\" is not of this database");
    }
    Part part = part(store);
    for (SegmentRef segment : entry(database.log().refresh(), store).segments()) {
      part.truncated.add(segment.id());
      part.truncatedRows.put(segment.id(), segment.rows());
    }
    for (Staged segment : part.segments) {
      part.truncated.add(segment.ref.id());
    }
    part.buffer = new ArrayList<>();
    part.bufferedBytes = 0;
    part.deletes = new LinkedHashMap<>();
  }

  @Override
  public synchronized void truncateRestartingIdentity(Table table) {
    truncate(table);
    Part part = part((StoreTable) table);
    part.restarted = new HashMap<>();
    for (ColumnSpec column : part.schema.columns()) {
      if (column.serial()) {
        part.restarted.put(column.name(), new SerialSequence(column.serialOptions(),
            column.sequenceStart()).before());
      }
    }
  }

  @Override
  public synchronized long[] reserveSerials(Table table, String column, int count) {
    open();
    Part part = table instanceof StoreTable store ? parts.get(store.id()) : null;
    if (part == null || part.restarted == null || !part.restarted.containsKey(column)) {
      return table.reserveSerials(column, count);
    }
    SerialSequence sequence = restartedSequence(part, column);
    long last = part.restarted.get(column);
    if (sequence.limit() - last < count) {
      throw new SequenceExhaustedException(part.table.name(), column, sequence);
    }
    part.restarted.put(column, last + count);
    return sequence.values(last, count);
  }

  /** A restarted sequence: counted from its START again. */
  private static SerialSequence restartedSequence(Part part, String column) {
    SerialOptions options = part.schema.columns().get(part.schema.indexOf(column)).serialOptions();
    return new SerialSequence(options, options.start());
  }

  @Override
  public synchronized ReadView readView() {
    open();
    for (Part part : parts.values()) {
      flush(part);
    }
    return readViewWithoutBuffer();
  }

  @Override
  public synchronized ReadView readViewWithoutBuffer() {
    open();
    return new StoreReadView(database, database.log().observeIfStale(),
        database.readTotals().child(), this);
  }

  @Override
  public synchronized boolean buffersKey(Table table, TableSchema.UniqueKey key, Object[] value) {
    if (!(table instanceof StoreTable store)) {
      return false;
    }
    Part part = parts.get(store.id());
    if (part == null || part.buffer.isEmpty() || !key.comparable(value)) {
      return false;
    }
    if (part.keyedBuffer != part.buffer || part.keyedRows > part.buffer.size()) {
      part.bufferKeys = new HashMap<>();
      part.keyedBuffer = part.buffer;
      part.keyedRows = 0;
    }
    // the keys of rows buffered since the last look, then one lookup (no scan per statement)
    for (TableSchema.UniqueKey unique : part.schema.uniqueKeys()) {
      java.util.TreeSet<Object[]> keys =
          part.bufferKeys.computeIfAbsent(unique.name(), n -> KeyIndex.newKeySet());
      int[] columns = part.schema.indexesOf(unique.columns());
      for (Object[] row : part.buffer.subList(part.keyedRows, part.buffer.size())) {
        keys.add(io.s3vector.storage.keys.KeyIndexes.key(row, columns));
      }
    }
    part.keyedRows = part.buffer.size();
    java.util.TreeSet<Object[]> keys = part.bufferKeys.get(key.name());
    return keys != null && keys.contains(value);
  }

  /** The table as this write sees it: committed rows minus its deletions, plus its staged rows. */
  synchronized StoreSnapshot snapshot(TableEntry entry, ObservedManifest pinned, ReadStats stats) {
    Part part = parts.get(entry.id());
    if (part == null) {
      return new StoreSnapshot(entry, pinned, database, stats);
    }
    List<SegmentRef> segments = new ArrayList<>();
    for (SegmentRef segment : entry.segments()) {
      if (!part.truncated.contains(segment.id())) {
        segments.add(segment);
      }
    }
    for (Staged segment : part.segments) {
      if (!part.truncated.contains(segment.ref.id())) {
        segments.add(segment.ref.withIndexes(graphNames(segment, entry)));
      }
    }
    return new StoreSnapshot(entry.withSegments(segments), pinned, database, stats,
        Map.copyOf(part.deletes));
  }

  @Override
  public synchronized void forget(String table) {
    for (var it = parts.values().iterator(); it.hasNext(); ) {
      Part part = it.next();
      if (part.table.name().equals(table)) {
        delete(part, part.segments);
        it.remove();
      }
    }
  }

  @Override
  public synchronized Object mark() {
    open();
    Map<String, PartMark> marks = new HashMap<>();
    for (Map.Entry<String, Part> e : parts.entrySet()) {
      Part part = e.getValue();
      // a mark sits between segments: rows buffered now would otherwise be written later in
      // one segment with rows staged after the mark, which a rollback could not separate
      flush(part);
      marks.put(e.getKey(), new PartMark(part.segments.size(),
          new LinkedHashMap<>(part.deletes), new HashSet<>(part.truncated),
          part.restarted == null ? null : new HashMap<>(part.restarted)));
    }
    return new Mark(marks);
  }

  @Override
  public synchronized void rollbackTo(Object mark) {
    open();
    Map<String, PartMark> marks = ((Mark) mark).parts();
    for (var it = parts.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      Part part = e.getValue();
      PartMark at = marks.get(e.getKey());
      List<Staged> later = part.segments.subList(at == null ? 0 : at.segments(), part.segments.size());
      delete(part, later);
      later.clear();
      if (at == null) {
        it.remove();
        continue;
      }
      part.buffer = new ArrayList<>();
      part.bufferedBytes = 0;
      part.deletes = new LinkedHashMap<>(at.deletes());
      part.truncated = new HashSet<>(at.truncated());
      part.restarted = at.restarted() == null ? null : new HashMap<>(at.restarted());
    }
  }

  @Override
  public synchronized long rows() {
    return rows;
  }

  /** Writes the buffer as segments (serial values reserved), with graphs when large enough. */
  private void flush(Part part) {
    if (part.buffer.isEmpty()) {
      return;
    }
    numberReserved(part, nullSerials(part));
    TableEntry entry = entry(database.manifest(), part.table);
    part.segments.addAll(writeBuffer(part, entry.indexes()));
    part.buffer = new ArrayList<>();
    part.bufferedBytes = 0;
  }

  /** The buffer as segments (not yet in any list: the caller keeps them), with their graphs. */
  private List<Staged> writeBuffer(Part part, List<IndexDefinition> indexes) {
    List<List<ColumnData>> columns = new ArrayList<>();
    List<Staged> written = new ArrayList<>();
    for (SegmentRef ref : database.groupObjects().writeRows(part.directory, part.schema,
        part.buffer, columns)) {
      written.add(new Staged(ref));
    }
    try {
      for (int i = 0; i < written.size(); i++) {
        buildGraphs(part, written.get(i), columns.get(i), indexes);
      }
    } catch (RuntimeException | Error e) {
      delete(part, written);
      throw e;
    }
    return written;
  }

  /**
   * Builds the graph of each index the segment lacks when it is large enough; from {@code
   * columns} when given, else read back from the store. A graph that cannot be built leaves the
   * segment to exact scans.
   */
  private void buildGraphs(Part part, Staged segment, List<ColumnData> columns,
      List<IndexDefinition> indexes) {
    SegmentIndexes graphs = database.segmentIndexes();
    if (!graphs.indexes(segment.ref.rows())) {
      return;
    }
    for (IndexDefinition index : indexes) {
      int column = part.schema.indexOf(index.column());
      if (column < 0 || segment.graphs.contains(index)) {
        continue;
      }
      try {
        boolean built = columns != null
            ? graphs.build(part.directory, segment.ref.id(), index, columns.get(column))
            : graphs.buildStored(part.directory, segment.ref, part.schema, index);
        if (built) {
          segment.graphs.add(index);
        }
      } catch (RuntimeException e) {
        LOG.warn("could not build the graph of index \"{}\" for a new segment of \"{}\": {}",
            index.name(), part.table.name(), e.toString());
      }
    }
  }

  @Override
  public synchronized long commit() {
    open();
    try {
      long version = commitAttempts();
      committed = true;
      release();
      database.writeEnded(this);
      for (Part part : parts.values()) {
        part.buffer = List.of();
      }
      for (Part part : parts.values()) {
        if (!part.truncated.isEmpty()) {
          database.compactor().deleteLater(part.directory, part.truncated);
        }
        if (!part.emptied.isEmpty()) {
          database.compactor().deleteLater(part.directory, part.emptied);
          for (String id : part.emptied) {
            PreparedDeletes unnamed = part.prepared.get(id);
            if (unnamed != null) {
              forgetDeletions(part, id, unnamed.name());
            }
          }
        }
        database.compactor().maybeSchedule(part.table.name());
      }
      return version;
    } catch (RuntimeException | Error e) {
      abortNow();
      throw e;
    }
  }

  private long commitAttempts() {
    Map<Part, Map<String, BitSet>> nulls = new HashMap<>();
    for (Part part : parts.values()) {
      nulls.put(part, nullSerials(part));
    }
    for (int attempt = 0; ; attempt++) {
      // what the commit builds on is checked again inside it: a recent look is enough here
      Manifest seen = attempt == 0 ? database.log().refreshIfStale() : database.log().refresh();
      for (Part part : parts.values()) {
        TableEntry entry = entry(seen, part.table);
        part.numberedFrom = Map.of();
        part.numberedWith = Map.of();
        part.advancedTo = Map.of();
        part.handed = null;
        if (!part.buffer.isEmpty()) {
          if (!part.table.serialsContended() && !part.table.holdsReservedSerials()) {
            numberFrom(part, nulls.get(part), entry);
          } else {
            numberReserved(part, nulls.get(part));
          }
          if (database.segmentIndexes().packs(part.buffer.size())) {
            part.handed = part.buffer;
          } else {
            part.last.addAll(writeBuffer(part, entry.indexes()));
          }
        }
        // an index created since a segment was staged: give the segment its graph too
        for (Staged segment : part.segments) {
          buildGraphs(part, segment, null, entry.indexes());
        }
        prepareDeletions(part, seen);
      }
      try {
        // with the group's manifest version: concurrent small writes share one, and their rows
        // one pack
        long version = database.committer().commit(groupChange()).version();
        forgetReplacedDeletionSets();
        return version;
      } catch (SequenceMoved e) {
        for (Part part : parts.values()) {
          if (!part.numberedFrom.isEmpty()) {
            part.table.contendSerials();
          }
          delete(part, part.last);
          part.last.clear();
        }
      }
    }
  }

  /**
   * The deletion sets this commit replaced are read by nobody but older snapshots: out of the
   * cache with them (a stream of UPDATEs replaces a set at every commit, and the dead ones made the
   * cache turn new sets away, to be read back and decoded by the next writer).
   */
  private void forgetReplacedDeletionSets() {
    for (Part part : parts.values()) {
      part.prepared.forEach((segmentId, prepared) -> {
        if (prepared.base() != null) {
          database.reader().forgetDeletions(part.directory, segmentId, prepared.base());
        }
      });
    }
  }

  /** This write's part of its commit group: {@link #apply} and the rows handed to the group. */
  private GroupCommitter.Change groupChange() {
    List<GroupWrites.Handed> handed = new ArrayList<>();
    for (Part part : parts.values()) {
      if (part.handed != null) {
        handed.add(new GroupWrites.Handed(part.table.name(), part.table.id(), part.directory,
            part.schema, part.handed));
      }
    }
    return new GroupCommitter.Change() {
      @Override
      public Manifest apply(Manifest base, GroupWrites group) {
        return StoreStagedWrite.this.apply(base, group);
      }

      @Override
      public List<GroupWrites.Handed> rows() {
        return handed;
      }
    };
  }

  /**
   * Every staged segment of every table added to {@code base} (the rows handed to the group are
   * added by its leader); base itself when none.
   */
  private Manifest apply(Manifest base, GroupWrites group) {
    Manifest next = base;
    for (Part part : parts.values()) {
      TableEntry entry = entry(base, part.table);
      for (Map.Entry<String, Long> used : part.numberedFrom.entrySet()) {
        if (!entry.sequenceStandsAt(used.getKey(), part.numberedWith.get(used.getKey()),
            used.getValue())) {
          throw new SequenceMoved();
        }
      }
      List<SegmentRef> added = new ArrayList<>();
      for (Staged segment : part.allStaged()) {
        if (part.truncated.contains(segment.ref.id())) {
          continue;
        }
        SegmentRef ref = segment.ref.withIndexes(graphNames(segment, entry));
        DeletionSet deleted = part.deletes.get(ref.id());
        added.add(deleted == null ? ref : ref.withDeletes(segment.deletes, deleted.size()));
      }
      // this write's deletions where their rows are now (a merge may have moved them)
      Map<String, DeletionSet> deleted = deletionsByCurrentSegment(part, entry);
      List<SegmentRef> kept = withDeletions(part, entry, deleted, group);
      checkUniqueKeys(part, entry, withDeferred(deleted, group.deferredDeletions(entry.id())),
          group);
      if (!added.isEmpty() || !part.advancedTo.isEmpty() || kept != entry.segments()
          || part.restarted != null) {
        TableEntry changed = entry.withSegments(kept).withAppended(added, part.advancedTo);
        if (part.restarted != null) {
          for (Map.Entry<String, Long> sequence : part.restarted.entrySet()) {
            changed = changed.withSequence(sequence.getKey(),
                restartedSequence(part, sequence.getKey()), sequence.getValue());
          }
        }
        next = next.withTable(changed);
      }
    }
    return next;
  }

  /**
   * Fails when a live staged row would share a unique key with another one, with a live row of
   * {@code entry} (this write's deletions and truncation applied) or with a row of the writes
   * accepted before it in its group: checked against the manifest the commit builds on, so the
   * later of two racing writers fails.
   */
  private void checkUniqueKeys(Part part, TableEntry entry, Map<String, DeletionSet> deleted,
      GroupWrites group) {
    List<TableSchema.UniqueKey> keys = part.schema.uniqueKeys();
    List<SegmentRef> staged = new ArrayList<>();
    for (Staged segment : part.allStaged()) {
      if (!part.truncated.contains(segment.ref.id())) {
        staged.add(segment.ref);
      }
    }
    if (keys.isEmpty() || (staged.isEmpty() && part.handed == null)) {
      return;
    }
    List<SegmentRef> committed = new ArrayList<>(entry.segments());
    committed.removeIf(segment -> part.truncated.contains(segment.id()));
    // the statements checked their rows against the segments of their snapshots: only those
    // committed since are left (a merge's output among them, whose rows were checked already)
    boolean sinceChecked = !part.keysUnchecked && part.keysCheckedAgainst != null;
    if (sinceChecked) {
      // the segments the snapshot and the manifest share as the same objects were checked;
      // the others (appended or merged since, or with a grown deletion set) are checked again,
      // and a shared one taken for new is checked again too, which is never wrong: a set of the
      // snapshot's ids per statement was a twentieth of an INSERT's time under 16 clients
      committed = SharedEnds.notIn(part.keysCheckedAgainst, committed);
    }
    KeyChecks checks = database.keyChecks();
    for (TableSchema.UniqueKey key : keys) {
      // a list of the few segments since is no look to keep (the next full one would not match)
      LiveKeys existing = sinceChecked
          ? checks.liveOfStaged(part.directory, part.schema, committed, deleted, key)
          : checks.live(part.directory, part.schema, committed, deleted, key, null);
      java.util.TreeSet<Object[]> seen = KeyIndex.newKeySet();
      if (!staged.isEmpty()) {
        LiveKeys ours = checks.liveOfStaged(part.directory, part.schema, staged, part.deletes, key);
        for (int s = 0; s < staged.size(); s++) {
          for (Object[] value : ours.keysOf(s)) {
            checkInGroup(part, key, value, existing, seen, group);
          }
        }
      }
      if (part.handed != null) {
        int[] at = part.schema.indexesOf(key.columns());
        for (Object[] row : part.handed) {
          checkInGroup(part, key, KeyIndexes.key(row, at), existing, seen, group);
        }
      }
    }
  }

  /** {@link KeyChecks#check}, and fails when a row accepted earlier in the group holds the value. */
  private static void checkInGroup(Part part, TableSchema.UniqueKey key, Object[] value,
      LiveKeys existing, java.util.TreeSet<Object[]> seen, GroupWrites group) {
    KeyChecks.check(key, value, existing, seen);
    if (group.holdsKey(part.table.id(), key, value)) {
      throw new io.s3vector.storage.table.UniqueViolationException(key.name(), key.columns(),
          value);
    }
  }

  /** The names of the indexes of {@code entry} whose graph the staged segment has. */
  private static List<String> graphNames(Staged segment, TableEntry entry) {
    List<String> names = new ArrayList<>();
    for (IndexDefinition index : entry.indexes()) {
      if (segment.graphs.contains(index)) {
        names.add(index.name());
      }
    }
    return names;
  }

  /**
   * The committed segments of {@code entry} after this write: truncated ones removed, the rows
   * of {@code ours} ({@link #deletionsByCurrentSegment}) marked deleted (the segment list itself
   * when nothing changes). Rows of a segment merged since
   * they were read are found in the merged segment ({@link TableEntry#locate}); a write fails only
   * when another commit deleted one of its rows meanwhile. A segment whose deletion set changed
   * since this write prepared its own keeps its set here: the deletions are left to the group's
   * leader, which writes the segment's set once for the group ({@link GroupWrites}).
   */
  private List<SegmentRef> withDeletions(Part part, TableEntry entry,
      Map<String, DeletionSet> ours, GroupWrites group) {
    if (part.deletes.isEmpty() && part.truncated.isEmpty()) {
      return entry.segments();
    }
    List<SegmentRef> segments = new ArrayList<>(entry.segments());
    segments.removeIf(segment -> part.truncated.contains(segment.id()));
    part.emptied.clear();
    for (int at = 0; at < segments.size(); at++) {
      SegmentRef current = segments.get(at);
      DeletionSet deleted = ours.get(current.id());
      if (deleted == null) {
        continue;
      }
      PreparedDeletes prepared = part.prepared.get(current.id());
      if (!stillValid(prepared, current, deleted)
          || !group.deferredDeletions(part.table.id(), current.id()).isEmpty()) {
        // the set prepared is not the segment's whole set after the group's writes before
        defer(part, current, deleted, prepared, group);
        continue;
      }
      if (prepared.count() >= current.rows()
          && !io.s3vector.storage.segment.SegmentPack.isPacked(current.id())) {
        // no live row left: the segment leaves the list (scans and index walks would visit
        // every row of it to skip them); older snapshots still read its files for the grace.
        // Not a small pack: merges fold those with their deletions, and a pack that left the
        // list while a merge read it would fail the merge's swap (under a stream of UPDATEs,
        // every merge)
        part.emptied.add(current.id());
        segments.remove(at--);
      } else {
        segments.set(at, current.withDeletes(prepared.name(), prepared.count()));
      }
    }
    return segments;
  }

  /**
   * Leaves this write's deletions of a segment to the group's leader, once checked against the
   * segment's set and the deletions the group's writes left before: the set prepared for it
   * (on an older set) goes.
   */
  private void defer(Part part, SegmentRef current, DeletionSet deleted, PreparedDeletes prepared,
      GroupWrites group) {
    if (prepared != null) {
      forgetDeletions(part, current.id(), prepared.name());
      part.prepared.remove(current.id());
    }
    DeletionSet before =
        database.groupObjects().deletions(part.directory, current.id(), current.deletes());
    if (before.intersects(deleted)
        || group.deferredDeletions(part.table.id(), current.id()).intersects(deleted)) {
      throw concurrentUpdate();
    }
    group.deferDeletions(part.table.name(), part.table.id(), part.directory, current.id(), deleted);
  }

  /** This write's deletions with those the group's writes left to the leader. */
  private static Map<String, DeletionSet> withDeferred(Map<String, DeletionSet> ours,
      Map<String, DeletionSet> deferred) {
    if (deferred.isEmpty()) {
      return ours;
    }
    Map<String, DeletionSet> all = new HashMap<>(deferred);
    ours.forEach((id, rows) -> all.merge(id, rows, DeletionSet::union));
    return all;
  }

  /**
   * This write's deletions of committed rows by the segment that holds them in {@code entry}:
   * rows of segments merged away are moved to their merged segment; truncated segments merged
   * into others become deletions of their whole range there.
   */
  private Map<String, DeletionSet> deletionsByCurrentSegment(Part part, TableEntry entry) {
    Set<String> staged = stagedIds(part);
    Set<String> present = new HashSet<>(); // for TRUNCATE only: a commit of one row pays nothing
    if (!part.truncated.isEmpty()) {
      for (SegmentRef segment : entry.segments()) {
        present.add(segment.id());
      }
    }
    MovedRows moved = new MovedRows(database.reader(), part.directory, database.readTotals());
    Map<String, DeletionSet> out = new LinkedHashMap<>();
    for (Map.Entry<String, DeletionSet> e : part.deletes.entrySet()) {
      String id = e.getKey();
      if (staged.contains(id) || part.truncated.contains(id)) {
        continue;
      }
      TableEntry.Located at = entry.locate(id);
      if (at == null) {
        throw concurrentUpdate();
      }
      DeletionSet rows = at.hops().isEmpty() ? e.getValue() : moved.follow(at, e.getValue(), true);
      out.merge(at.segmentId(), rows, DeletionSet::union);
    }
    for (String id : part.truncated) {
      if (staged.contains(id) || present.contains(id)) {
        continue;
      }
      TableEntry.Located at = entry.locate(id);
      Long rows = part.truncatedRows.get(id);
      if (at != null && rows != null) {
        int[] range = new int[Math.toIntExact(rows)];
        for (int i = 0; i < range.length; i++) {
          range[i] = i;
        }
        // rows a merge dropped were deleted already: nothing left of them to truncate
        out.merge(at.segmentId(), moved.follow(at, DeletionSet.of(range), false),
            DeletionSet::union);
      }
    }
    return out;
  }

  /** The new deletion set of a committed segment: the one written before, while still valid. */
  private PreparedDeletes prepared(Part part, SegmentRef current, DeletionSet deleted) {
    PreparedDeletes prepared = part.prepared.get(current.id());
    if (!stillValid(prepared, current, deleted)) {
      PreparedDeletes fresh = prepareDeletes(part, current, deleted);
      if (prepared != null) {
        forgetDeletions(part, current.id(), prepared.name()); // superseded, never committed
      }
      part.prepared.put(current.id(), fresh);
      prepared = fresh;
    }
    return prepared;
  }

  /** Whether {@code prepared} is the set {@code current} gets with this write's {@code ours}. */
  private static boolean stillValid(PreparedDeletes prepared, SegmentRef current,
      DeletionSet ours) {
    return prepared != null && java.util.Objects.equals(prepared.base(), current.deletes())
        && prepared.ours().equals(ours);
  }

  /** Writes the segment's set of deleted rows with this write's added; fails on an overlap. */
  private PreparedDeletes prepareDeletes(Part part, SegmentRef segment, DeletionSet ours) {
    DeletionSet before =
        database.groupObjects().deletions(part.directory, segment.id(), segment.deletes());
    if (before.intersects(ours)) {
      throw concurrentUpdate();
    }
    DeletionSet all = before.union(ours);
    String name = database.groupObjects().writeDeletions(part.directory, segment.id(),
        segment.deletes(), ours, all);
    return new PreparedDeletes(segment.deletes(), ours, name, all.size());
  }

  /**
   * Drops a deletion set this write wrote but will not commit: a small one is only staged until a
   * commit names it ({@code InlineBlobs}), and would otherwise stay in memory for an hour.
   */
  private void forgetDeletions(Part part, String segmentId, String name) {
    database.groupObjects().discardDeletions(part.directory, segmentId, name);
  }

  static WriteConflictException concurrentUpdate() {
    return new WriteConflictException("could not serialize access due to concurrent update");
  }

  private static Set<String> stagedIds(Part part) {
    Set<String> ids = new HashSet<>();
    for (Staged segment : part.allStaged()) {
      ids.add(segment.ref.id());
    }
    return ids;
  }

  /**
   * Before the commit, outside the commit lock: the deletion sets of this write's own segments,
   * and of the committed segments as of {@code seen} (reused by the commit while still current).
   */
  private void prepareDeletions(Part part, Manifest seen) {
    for (Staged segment : part.allStaged()) {
      DeletionSet deleted = part.deletes.get(segment.ref.id());
      if (deleted != null && segment.deletes == null) {
        segment.deletes = database.groupObjects().writeDeletions(part.directory,
            segment.ref.id(), null, deleted, deleted);
      }
    }
    TableEntry entry = entry(seen, part.table);
    if (part.deletes.isEmpty() && part.truncated.isEmpty()) {
      return;
    }
    Map<String, DeletionSet> ours;
    try {
      ours = deletionsByCurrentSegment(part, entry);
    } catch (WriteConflictException e) {
      return; // the commit reports it, against the manifest it builds on
    }
    for (SegmentRef current : entry.segments()) {
      DeletionSet deleted = ours.get(current.id());
      if (deleted != null && !part.truncated.contains(current.id())) {
        prepared(part, current, deleted);
      }
    }
  }

  @Override
  public synchronized void abort() {
    if (!committed) {
      abortNow();
    }
  }

  private void abortNow() {
    if (aborted || committed) {
      return; // a failure after the commit took effect must not delete what it committed
    }
    aborted = true;
    database.writeEnded(this);
    for (Part part : parts.values()) {
      part.prepared.forEach((segmentId, prepared) -> forgetDeletions(part, segmentId, prepared.name()));
      part.prepared.clear();
      for (Staged segment : part.allStaged()) {
        if (segment.deletes != null) {
          forgetDeletions(part, segment.ref.id(), segment.deletes);
        }
      }
      delete(part, part.allStaged());
      part.buffer = List.of();
    }
  }

  private void delete(Part part, List<Staged> segments) {
    for (Staged segment : segments) {
      SegmentWriter.delete(database.store(), part.directory, segment.ref.id());
      database.stagedSegments().remove(segment.ref.id());
    }
  }

  /** After the commit (or abort) the sweeper may judge this write's segments by the manifest. */
  private void release() {
    for (Part part : parts.values()) {
      for (Staged segment : part.allStaged()) {
        database.stagedSegments().remove(segment.ref.id());
      }
    }
  }

  private void open() {
    if (committed) {
      throw new IllegalStateException("the staged write is committed");
    }
    if (aborted) {
      throw new StorageException("the staged write was aborted");
    }
  }

  /** The table's entry in {@code manifest}, failing when it was dropped (or dropped and recreated). */
  private static TableEntry entry(Manifest manifest, StoreTable table) {
    TableEntry entry = manifest.table(table.name());
    if (entry == null || !entry.id().equals(table.id())) {
      throw new StorageException("relation \"" + table.name() + "\" does not exist");
    }
    return entry;
  }

  /** Per serial column with NULLs in the buffer: which buffered rows take a sequence value. */
  private static Map<String, BitSet> nullSerials(Part part) {
    Map<String, BitSet> nulls = new LinkedHashMap<>();
    List<ColumnSpec> columns = part.schema.columns();
    for (int c = 0; c < columns.size(); c++) {
      if (!columns.get(c).serial()) {
        continue;
      }
      BitSet set = new BitSet();
      for (int r = 0; r < part.buffer.size(); r++) {
        if (part.buffer.get(r)[c] == null) {
          set.set(r);
        }
      }
      if (!set.isEmpty()) {
        nulls.put(columns.get(c).name(), set);
      }
    }
    return nulls;
  }

  /** Numbers the rows from values reserved in the table's sequence (a manifest commit). */
  private static void numberReserved(Part part, Map<String, BitSet> nulls) {
    for (Map.Entry<String, BitSet> e : nulls.entrySet()) {
      long[] values = part.table.reserveSerials(e.getKey(), e.getValue().cardinality());
      number(part, e.getKey(), e.getValue(), values);
    }
  }

  /** Numbers the rows from the sequences of {@code entry}; the commit checks they did not move. */
  private static void numberFrom(Part part, Map<String, BitSet> nulls, TableEntry entry) {
    Map<String, Long> from = new HashMap<>();
    Map<String, SerialSequence> with = new HashMap<>();
    Map<String, Long> to = new HashMap<>();
    for (Map.Entry<String, BitSet> e : nulls.entrySet()) {
      SerialSequence sequence = entry.serialSequence(e.getKey());
      long last = entry.sequenceCounter(e.getKey());
      int count = e.getValue().cardinality();
      if (sequence.limit() - last < count) {
        throw new SequenceExhaustedException(part.table.name(), e.getKey(), sequence);
      }
      number(part, e.getKey(), e.getValue(), sequence.values(last, count));
      from.put(e.getKey(), last);
      with.put(e.getKey(), sequence);
      to.put(e.getKey(), last + count);
    }
    part.numberedFrom = from;
    part.numberedWith = with;
    part.advancedTo = to;
  }

  private static void number(Part part, String column, BitSet rows, long[] values) {
    int c = part.schema.indexOf(column);
    ColumnSpec spec = part.schema.columns().get(c);
    int i = 0;
    for (int r = rows.nextSetBit(0); r >= 0; r = rows.nextSetBit(r + 1)) {
      part.buffer.get(r)[c] = spec.sequenceValue(values[i++]);
    }
  }

  /** About the heap a buffered row takes (the bound of the buffer is approximate). */
  private static long estimatedBytes(Object[] row) {
    long bytes = 16 + 8L * row.length;
    for (Object value : row) {
      if (value instanceof float[] v) {
        bytes += 16 + 4L * v.length;
      } else if (value instanceof String s) {
        bytes += 40 + s.length();
      } else if (value != null) {
        bytes += 16;
      }
    }
    return bytes;
  }
}
