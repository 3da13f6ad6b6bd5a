package io.s3vector.storage.write;

import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.segment.DeletionSet;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the writes of one attempt of a group commit leave to its leader, by table:
 *
 * <ul>
 *   <li>New rows: a write of a few rows hands them over instead of writing a pack of its own,
 *       checks its unique keys against the rows of the writes accepted before it in the group
 *       ({@link #holdsKey}), and the leader writes every table's accepted rows as packs. Sixteen
 *       clients inserting a row each then cost one pack rather than sixteen: one set of Zarr
 *       documents to encode, one segment in every later key check, one merge input.
 *   <li>Deletions of a segment whose deletion set another write of the group (or of a commit
 *       since the write prepared its own) replaced: the write checks them against the set and
 *       the group's other deletions of the segment ({@link #deferredDeletions}) and the leader
 *       writes the segment's set once. Sixteen UPDATEs of one segment's rows wrote its whole set
 *       sixteen times under the commit lock.
 * </ul>
 *
 * The leader adds them to the group's manifest in {@link #applyTo}. A write that is refused leaves
 * nothing: what it handed over or deferred is taken only once it is accepted ({@link #accept}).
 */
public final class GroupWrites {

  /** Writes and drops the objects of a group's writes (the engine's segment writer and caches). */
  public interface Objects {

    /** Whether this many rows go into one pack (too few for a graph). */
    boolean packs(long rows);

    /** Writes the rows (serial values filled) as packs of the table and returns them. */
    List<SegmentRef> write(String directory, TableSchema schema, List<Object[]> rows);

    /** Drops packs {@link #write} wrote that no commit will name. */
    void discard(String directory, List<SegmentRef> packs);

    /** The packs are committed (or discarded): nothing of them is staged any more. */
    void released(List<SegmentRef> packs);

    /** The rows of a segment its deletion set {@code name} holds (none for null). */
    DeletionSet deletions(String directory, String segmentId, String name);

    /**
     * Writes a deletion set of the segment, {@code all}: the set called {@code previous} (null
     * for none) with {@code added}; returns its name.
     */
    String writeDeletions(String directory, String segmentId, String previous, DeletionSet added,
        DeletionSet all);

    /** Drops a deletion set {@link #writeDeletions} wrote that no commit will name. */
    void discardDeletions(String directory, String segmentId, String name);
  }

  /** The rows of one write for one table, handed to its group commit. */
  public record Handed(String table, String tableId, String directory, TableSchema schema,
      List<Object[]> rows) {}

  /** A segment of a table. */
  private record Segment(String tableId, String segmentId) {}

  /** Deletions left to the leader for one segment. */
  private record Deferred(String table, String directory, DeletionSet rows) {}

  /** An object the leader wrote: packs, or a deletion set of a segment. */
  private record Written(String directory, List<SegmentRef> packs, String segmentId,
      String deletes) {}

  /** The unique-key values of a table's accepted rows for one key, and how many rows are in. */
  private static final class Keys {
    final TreeSet<Object[]> values = KeyIndex.newKeySet();
    int handedIn;
  }

  private final Objects objects;
  /** The accepted rows by table id, in the order the writes were applied. */
  private final Map<String, List<Handed>> accepted = new LinkedHashMap<>();
  /** Table id → unique key name → the values of the accepted rows (built as asked). */
  private final Map<String, Map<String, Keys>> keys = new HashMap<>();
  /** Deletions of accepted writes, and of the write being applied, left to the leader. */
  private final Map<Segment, Deferred> deferred = new LinkedHashMap<>();
  private final Map<Segment, Deferred> pending = new LinkedHashMap<>();
  private final List<Written> written = new ArrayList<>();

  public GroupWrites(Objects objects) {
    this.objects = objects;
  }

  /**
   * Whether a row accepted earlier in the group holds {@code value} for {@code key} (a NULL in
   * the key never matches, but where the key's NULLs are not distinct).
   */
  public boolean holdsKey(String tableId, TableSchema.UniqueKey key, Object[] value) {
    List<Handed> rows = accepted.get(tableId);
    if (rows == null || !key.comparable(value)) {
      return false;
    }
    Keys known = keys.computeIfAbsent(tableId, id -> new HashMap<>())
        .computeIfAbsent(key.name(), name -> new Keys());
    for (; known.handedIn < rows.size(); known.handedIn++) {
      Handed handed = rows.get(known.handedIn);
      int[] at = handed.schema().indexesOf(key.columns());
      for (Object[] row : handed.rows()) {
        known.values.add(KeyIndexes.key(row, at));
      }
    }
    return known.values.contains(value);
  }

  /** The rows of the segment the group's writes so far left to the leader to delete. */
  public DeletionSet deferredDeletions(String tableId, String segmentId) {
    Segment segment = new Segment(tableId, segmentId);
    DeletionSet rows = DeletionSet.EMPTY;
    for (Map<Segment, Deferred> map : List.of(deferred, pending)) {
      Deferred d = map.get(segment);
      if (d != null) {
        rows = rows.union(d.rows());
      }
    }
    return rows;
  }

  /** The deletions of the table's segments left to the leader so far, by segment id. */
  public Map<String, DeletionSet> deferredDeletions(String tableId) {
    Map<String, DeletionSet> out = new HashMap<>();
    for (Map<Segment, Deferred> map : List.of(deferred, pending)) {
      map.forEach((segment, d) -> {
        if (segment.tableId().equals(tableId)) {
          out.merge(segment.segmentId(), d.rows(), DeletionSet::union);
        }
      });
    }
    return out;
  }

  /**
   * Leaves the deletion of {@code rows} of a committed segment to the leader (the caller checked
   * them against the segment's set and {@link #deferredDeletions}); taken with the write.
   */
  public void deferDeletions(String table, String tableId, String directory, String segmentId,
      DeletionSet rows) {
    pending.merge(new Segment(tableId, segmentId), new Deferred(table, directory, rows),
        (a, b) -> new Deferred(a.table(), a.directory(), a.rows().union(b.rows())));
  }

  /**
   * The write being applied was accepted: its rows ({@code rows}) and deferred deletions are the
   * group's.
   */
  public void accept(List<Handed> rows) {
    for (Handed handed : rows) {
      if (!handed.rows().isEmpty()) {
        accepted.computeIfAbsent(handed.tableId(), id -> new ArrayList<>()).add(handed);
      }
    }
    pending.forEach((segment, d) -> deferred.merge(segment, d,
        (a, b) -> new Deferred(a.table(), a.directory(), a.rows().union(b.rows()))));
    pending.clear();
  }

  /** The write being applied was refused: what it deferred goes. */
  public void reject() {
    pending.clear();
  }

  /**
   * {@code next} with the deferred deletions written into their segments' sets and the accepted
   * rows appended to their tables as packs (each as large as a pack may be, the rows of one
   * schema together), all written now; {@code next} itself when there are none.
   */
  public Manifest applyTo(Manifest next) {
    Manifest out = writeDeletions(next);
    for (List<Handed> rows : accepted.values()) {
      Handed first = rows.get(0);
      TableEntry entry = entry(out, first.table(), first.tableId());
      List<SegmentRef> packs = new ArrayList<>();
      List<Object[]> batch = new ArrayList<>();
      TableSchema schema = first.schema();
      for (Handed handed : rows) {
        if (!batch.isEmpty() && (!handed.schema().equals(schema)
            || !objects.packs(batch.size() + (long) handed.rows().size()))) {
          packs.addAll(write(first.directory(), schema, batch));
          batch = new ArrayList<>();
        }
        schema = handed.schema();
        batch.addAll(handed.rows());
      }
      packs.addAll(write(first.directory(), schema, batch));
      out = out.withTable(entry.withAppended(packs, Map.of()));
    }
    return out;
  }

  /** Each segment with deferred deletions gets one new set: its set and them. */
  private Manifest writeDeletions(Manifest next) {
    Manifest out = next;
    Map<String, List<Map.Entry<Segment, Deferred>>> byTable = new LinkedHashMap<>();
    for (Map.Entry<Segment, Deferred> e : deferred.entrySet()) {
      byTable.computeIfAbsent(e.getKey().tableId(), id -> new ArrayList<>()).add(e);
    }
    for (List<Map.Entry<Segment, Deferred>> segments : byTable.values()) {
      Map.Entry<Segment, Deferred> first = segments.get(0);
      TableEntry entry = entry(out, first.getValue().table(), first.getKey().tableId());
      List<SegmentRef> list = new ArrayList<>(entry.segments());
      for (Map.Entry<Segment, Deferred> e : segments) {
        String directory = e.getValue().directory();
        int at = indexOf(list, e.getKey().segmentId());
        if (at < 0) {
          // each write checked its deletions against this manifest's list: none removes one
          throw new IllegalStateException("segment " + e.getKey().segmentId() + " left the list");
        }
        SegmentRef segment = list.get(at);
        DeletionSet all = objects.deletions(directory, segment.id(), segment.deletes())
            .union(e.getValue().rows());
        String name = objects.writeDeletions(directory, segment.id(), segment.deletes(),
            e.getValue().rows(), all);
        written.add(new Written(directory, List.of(), segment.id(), name));
        list.set(at, segment.withDeletes(name, all.size()));
      }
      out = out.withTable(entry.withSegments(list));
    }
    return out;
  }

  private static int indexOf(List<SegmentRef> segments, String id) {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static TableEntry entry(Manifest manifest, String table, String tableId) {
    TableEntry entry = manifest.table(table);
    if (entry == null || !entry.id().equals(tableId)) {
      // the group's own changes were applied to this manifest: none drops a table
      throw new IllegalStateException("table \"" + table + "\" left the group's manifest");
    }
    return entry;
  }

  private List<SegmentRef> write(String directory, TableSchema schema, List<Object[]> rows) {
    List<SegmentRef> packs = objects.write(directory, schema, rows);
    written.add(new Written(directory, packs, null, null));
    return packs;
  }

  /** What the leader wrote is named by a committed manifest. */
  public void committed() {
    for (Written w : written) {
      objects.released(w.packs());
    }
    written.clear();
  }

  /** No manifest names what the leader wrote: it goes. */
  public void discard() {
    for (Written w : written) {
      if (w.deletes() != null) {
        objects.discardDeletions(w.directory(), w.segmentId(), w.deletes());
      } else {
        objects.discard(w.directory(), w.packs());
        objects.released(w.packs());
      }
    }
    written.clear();
  }
}
