package io.s3vector.storage.manifest;

import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.SerialOptions;
import io.s3vector.storage.table.SerialSequence;
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
 * @param sequences the counter per serial column ({@link #sequenceCounter}; absent: none handed
 *     out yet), and the origin of those not counting from START ({@link #serialSequence})
 * @param indexes the table's HNSW indexes ({@link SegmentRef#indexes()} says which segments have
 *     the graph of each)
 * @param moved segments merged away recently: id → where their rows are now, so that a write
 *     which deletes rows of a snapshot older than the merge finds them (entries older than the
 *     delete grace are dropped: no snapshot that old may write)
 */
public record TableEntry(
    String id,
    String directory,
    TableSchema schema,
    List<SegmentRef> segments,
    Map<String, Long> sequences,
    List<IndexDefinition> indexes,
    Map<String, Moved> moved) {

  /**
   * Where a merged-away segment's rows went: row {@code p} of it is row {@code q = offset + p} of
   * the merge's input (its run's rows one after another); {@code atMillis} is when the merge
   * committed (wall clock). When {@code purged} names a deletion set of segment {@code into}
   * (positions of that input), the merge dropped those rows (deleted ones): row q is then row q
   * minus the purged positions below q of {@code into}, and a purged row is nowhere; else row q of
   * {@code into}.
   */
  public record Moved(String into, long offset, long atMillis,
      @com.fasterxml.jackson.annotation.JsonInclude(
          com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String purged) {

    public Moved(String into, long offset, long atMillis) {
      this(into, offset, atMillis, null);
    }
  }

  /**
   * Where rows of an older snapshot's segment are now: segment {@code segmentId}, reached through
   * {@code hops} (the merges since, oldest first: empty when the segment is still listed).
   */
  public record Located(String segmentId, List<Moved> hops) {}

  public TableEntry {
    segments = List.copyOf(segments);
    sequences = FrozenSortedMap.of(sequences);
    indexes = indexes == null ? List.of() : List.copyOf(indexes);
    moved = FrozenSortedMap.of(moved == null ? Map.of() : moved);
  }

  public TableEntry(
      String id, String directory, TableSchema schema, List<SegmentRef> segments,
      Map<String, Long> sequences) {
    this(id, directory, schema, segments, sequences, List.of(), Map.of());
  }

  /**
   * Where the rows of a segment of an older snapshot are now, following merges; null when it is
   * neither listed nor recently merged (or merged into nothing: every row of its run deleted).
   */
  public Located locate(String segmentId) {
    String id = segmentId;
    List<Moved> hops = new ArrayList<>(0);
    for (int hop = 0; hop <= moved.size(); hop++) {
      for (SegmentRef segment : segments) {
        if (segment.id().equals(id)) {
          return new Located(id, hops);
        }
      }
      Moved next = moved.get(id);
      if (next == null) {
        return null;
      }
      hops.add(next);
      id = next.into();
    }
    return null;
  }

  /** Whether a merge record is older than {@code graceMillis} at {@code nowMillis}. */
  public boolean hasMovedOlderThan(long nowMillis, long graceMillis) {
    for (Moved m : moved.values()) {
      if (nowMillis - m.atMillis() > graceMillis) {
        return true;
      }
    }
    return false;
  }

  /** With these merges recorded, and records older than {@code graceMillis} dropped. */
  public TableEntry withMoved(Map<String, Moved> merges, long nowMillis, long graceMillis) {
    // a copy of the sorted map in one linear pass (derived), then the few expired records out:
    // under a stream of small commits a merge runs every few tens of milliseconds over thousands
    // of records, and putting each into a new map one by one was a seventh of the server's time
    List<String> expired = new ArrayList<>();
    for (Map.Entry<String, Moved> record : moved.entrySet()) {
      if (nowMillis - record.getValue().atMillis() > graceMillis) {
        expired.add(record.getKey());
      }
    }
    // remembers what changed: the merge's manifest delta names those records, not all of them
    return new TableEntry(id, directory, schema, segments, sequences, indexes,
        FrozenSortedMap.derived(moved, expired, merges));
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

  /**
   * The counter of the sequence of serial column {@code column} ({@link SerialSequence}): for one
   * counting by one, the last value it handed out; before any, one below its start.
   */
  public long sequenceCounter(String column) {
    Long last = sequences.get(column);
    return last != null ? last : beforeStart(column);
  }

  /** The sequence of serial column {@code column}: its options and the origin its counter counts from. */
  public SerialSequence serialSequence(String column) {
    SerialOptions options = options(column);
    Long origin = sequences.get(originKey(column));
    return new SerialSequence(options, origin != null ? origin : options.start());
  }

  /**
   * Whether {@code column}'s sequence is still {@code sequence} (its options and origin) with its
   * counter at {@code counter}: nothing numbered past it, set it back or anchored it anew since
   * a write or a server's block counted from there.
   */
  public boolean sequenceStandsAt(String column, SerialSequence sequence, long counter) {
    return sequenceCounter(column) == counter && serialSequence(column).equals(sequence);
  }

  /** Where the sequence of serial column {@code column} stands, as PostgreSQL shows it. */
  public SerialSequence.State sequenceState(String column) {
    return serialSequence(column).state(sequenceCounter(column));
  }

  private SerialOptions options(String column) {
    int c = schema.indexOf(column);
    return c < 0 ? SerialOptions.defaults(io.s3vector.storage.table.ColumnType.INT8, 1)
        : schema.columns().get(c).serialOptions();
  }

  private long beforeStart(String column) {
    int c = schema.indexOf(column);
    return c < 0 ? 0 : schema.columns().get(c).sequenceStart() - 1;
  }

  /**
   * The key under which {@link #sequences} keeps a sequence's origin when it is not its START:
   * PostgreSQL's names cannot hold NUL, so no column is named so, and the map (and the manifest
   * deltas that write it) needs no new field.
   */
  private static String originKey(String column) {
    return column + "\u0000origin";
  }

  public TableEntry withAppended(List<SegmentRef> added, Map<String, Long> newSequences) {
    List<SegmentRef> all = new ArrayList<>(segments);
    all.addAll(added);
    Map<String, Long> seq = new TreeMap<>(sequences);
    seq.putAll(newSequences);
    return new TableEntry(id, directory, schema, all, seq, indexes, moved);
  }

  /** This table with the counter of {@code column}'s sequence at {@code counter}, its origin kept. */
  public TableEntry withSequence(String column, long counter) {
    return withSequence(column, serialSequence(column), counter);
  }

  /**
   * This table with {@code column}'s sequence anchored at {@code sequence}'s origin and its
   * counter at {@code counter} (setval, RESTART: {@link SerialSequence#from}).
   */
  public TableEntry withSequence(String column, SerialSequence sequence, long counter) {
    Map<String, Long> seq = new TreeMap<>(sequences);
    put(seq, column, counter, sequence);
    return new TableEntry(id, directory, schema, segments, seq, indexes, moved);
  }

  /**
   * Puts a counter and its origin, leaving out what reads back the same without: the counter one
   * below START with the origin at START (a new sequence), and an origin that is START or changes
   * nothing (a sequence counting by one without CYCLE counts its values themselves).
   */
  private static void put(Map<String, Long> seq, String column, long counter, SerialSequence sequence) {
    SerialOptions options = sequence.options();
    boolean originMatters = sequence.origin() != options.start()
        && (options.increment() != 1 || options.cycle());
    if (originMatters) {
      seq.put(originKey(column), sequence.origin());
    } else {
      seq.remove(originKey(column));
    }
    if (counter == options.start() - 1 && !originMatters) {
      seq.remove(column);
    } else {
      seq.put(column, counter);
    }
  }

  /**
   * This table with schema {@code next}: a serial column whose sequence's options change keeps
   * where it stands (its last value and whether it was called), as ALTER SEQUENCE does: the
   * counter is anchored anew at that value under the new options.
   */
  public TableEntry withSchema(TableSchema next) {
    Map<String, Long> seq = new TreeMap<>(sequences);
    for (io.s3vector.storage.table.ColumnSpec column : next.columns()) {
      int was = schema.indexOf(column.name());
      if (!column.serial() || was < 0 || !schema.columns().get(was).serial()
          || column.serialOptions().equals(schema.columns().get(was).serialOptions())) {
        continue;
      }
      SerialSequence.State state = sequenceState(column.name());
      SerialSequence anchored = SerialSequence.from(column.serialOptions(), state.lastValue());
      put(seq, column.name(), anchored.counterOf(state.called()), anchored);
    }
    return new TableEntry(id, directory, next, segments, seq, indexes, moved);
  }

  public TableEntry withSegments(List<SegmentRef> replaced) {
    return new TableEntry(id, directory, schema, replaced, sequences, indexes, moved);
  }

  public TableEntry withIndexes(List<IndexDefinition> replaced, List<SegmentRef> newSegments) {
    return new TableEntry(id, directory, schema, newSegments, sequences, replaced, moved);
  }
}
