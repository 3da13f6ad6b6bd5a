package io.s3vector.storage.write;

import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The new rows of one attempt of a group commit, by table: each write of the group hands its
 * small buffer of rows over instead of writing a pack of its own, checks its unique keys against
 * the rows of the writes accepted before it in the group ({@link #holdsKey}), and the leader
 * writes every table's accepted rows as packs once the group's changes are applied ({@link
 * #appendTo}). Sixteen clients inserting a row each then cost one pack rather than sixteen: one
 * set of Zarr documents to encode, one segment in every later key check, one merge input.
 */
public final class GroupRows {

  /** Writes and drops the packs of a group's rows (the engine's segment writer and caches). */
  public interface Packer {

    /** Whether this many rows go into one pack (too few for a graph). */
    boolean packs(long rows);

    /** Writes the rows (serial values filled) as packs of the table and returns them. */
    List<SegmentRef> write(String directory, TableSchema schema, List<Object[]> rows);

    /** Drops packs {@link #write} wrote that no commit will name. */
    void discard(String directory, List<SegmentRef> packs);

    /** The packs are committed (or discarded): nothing of them is staged any more. */
    void released(List<SegmentRef> packs);
  }

  /** The rows of one write for one table, handed to its group commit. */
  public record Handed(String table, String tableId, String directory, TableSchema schema,
      List<Object[]> rows) {}

  /** The packs written for one table. */
  private record Written(String directory, List<SegmentRef> packs) {}

  /** The unique-key values of a table's accepted rows for one key, and how many rows are in. */
  private static final class Keys {
    final TreeSet<Object[]> values = KeyIndex.newKeySet();
    int handedIn;
  }

  private final Packer packer;
  /** The accepted rows by table id, in the order the writes were applied. */
  private final Map<String, List<Handed>> accepted = new LinkedHashMap<>();
  /** Table id → unique key name → the values of the accepted rows (built as asked). */
  private final Map<String, Map<String, Keys>> keys = new HashMap<>();
  private final List<Written> written = new ArrayList<>();

  public GroupRows(Packer packer) {
    this.packer = packer;
  }

  /**
   * Whether a row accepted earlier in the group holds {@code value} for {@code key} (a NULL in
   * the key never matches).
   */
  public boolean holdsKey(String tableId, TableSchema.UniqueKey key, Object[] value) {
    List<Handed> rows = accepted.get(tableId);
    if (rows == null || KeyIndex.hasNull(value)) {
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

  /** Adds the rows of a write whose change was applied (a refused write's rows stay out). */
  public void accept(List<Handed> rows) {
    for (Handed handed : rows) {
      if (!handed.rows().isEmpty()) {
        accepted.computeIfAbsent(handed.tableId(), id -> new ArrayList<>()).add(handed);
      }
    }
  }

  /**
   * {@code next} with the accepted rows appended to their tables as packs, written now (each as
   * large as a pack may be, the rows of one schema together); {@code next} itself when none.
   */
  public Manifest appendTo(Manifest next) {
    Manifest out = next;
    for (List<Handed> rows : accepted.values()) {
      Handed first = rows.get(0);
      TableEntry entry = out.table(first.table());
      if (entry == null || !entry.id().equals(first.tableId())) {
        // the group's own changes were applied to this manifest: none drops a table
        throw new IllegalStateException("table \"" + first.table() + "\" left the group's manifest");
      }
      List<SegmentRef> packs = new ArrayList<>();
      List<Object[]> batch = new ArrayList<>();
      TableSchema schema = first.schema();
      for (Handed handed : rows) {
        if (!batch.isEmpty() && (!handed.schema().equals(schema)
            || !packer.packs(batch.size() + (long) handed.rows().size()))) {
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

  private List<SegmentRef> write(String directory, TableSchema schema, List<Object[]> rows) {
    List<SegmentRef> packs = packer.write(directory, schema, rows);
    written.add(new Written(directory, packs));
    return packs;
  }

  /** The packs are named by a committed manifest. */
  public void committed() {
    for (Written w : written) {
      packer.released(w.packs());
    }
    written.clear();
  }

  /** No manifest names the packs written: they go. */
  public void discard() {
    for (Written w : written) {
      packer.discard(w.directory(), w.packs());
      packer.released(w.packs());
    }
    written.clear();
  }
}
