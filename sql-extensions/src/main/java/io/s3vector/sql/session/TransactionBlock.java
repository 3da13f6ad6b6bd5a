package io.s3vector.sql.session;

import io.s3vector.sql.TransactionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's transaction block: its status and the rows INSERTed or COPied inside it, buffered
 * here (the block's own SELECTs read them) and stored at COMMIT by one {@code StagedWrite}, so
 * every table's rows become visible with one manifest commit; discarded at ROLLBACK. Serial
 * columns of buffered rows already have their values (taken from the sequence when buffered).
 */
public final class TransactionBlock {
  private TransactionStatus status = TransactionStatus.IDLE;
  private final Map<String, List<Object[]>> pendingRows = new LinkedHashMap<>();
  /** Savepoints, innermost last: their names and the pending row counts when they were set. */
  private final List<Map.Entry<String, Map<String, Integer>>> savepoints = new ArrayList<>();

  public TransactionStatus status() {
    return status;
  }

  public boolean inBlock() {
    return status != TransactionStatus.IDLE;
  }

  void begin() {
    if (status == TransactionStatus.IDLE) {
      status = TransactionStatus.IN_BLOCK;
    }
  }

  void fail() {
    if (status == TransactionStatus.IN_BLOCK) {
      status = TransactionStatus.FAILED;
    }
  }

  /** Ends the block, returning the buffered rows by table (to append when committing). */
  Map<String, List<Object[]>> end() {
    Map<String, List<Object[]>> rows = new LinkedHashMap<>(pendingRows);
    pendingRows.clear();
    savepoints.clear();
    status = TransactionStatus.IDLE;
    return rows;
  }

  /** SAVEPOINT name: remembers how many rows are buffered per table. */
  void savepoint(String name) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    pendingRows.forEach((table, rows) -> counts.put(table, rows.size()));
    savepoints.add(Map.entry(name, counts));
  }

  /** RELEASE name: forgets the savepoint and the ones set after it; false if there is none. */
  boolean release(String name) {
    int i = find(name);
    if (i < 0) {
      return false;
    }
    savepoints.subList(i, savepoints.size()).clear();
    return true;
  }

  /**
   * ROLLBACK TO name: drops the rows buffered since, keeps the savepoint, and leaves a failed
   * block usable again; false if there is no such savepoint.
   */
  boolean rollbackTo(String name) {
    int i = find(name);
    if (i < 0) {
      return false;
    }
    Map<String, Integer> counts = savepoints.get(i).getValue();
    savepoints.subList(i + 1, savepoints.size()).clear();
    pendingRows.entrySet().removeIf(e -> !counts.containsKey(e.getKey()));
    pendingRows.forEach((table, rows) -> rows.subList(counts.get(table), rows.size()).clear());
    status = TransactionStatus.IN_BLOCK;
    return true;
  }

  private int find(String name) {
    for (int i = savepoints.size() - 1; i >= 0; i--) {
      if (savepoints.get(i).getKey().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public void buffer(String table, List<Object[]> rows) {
    pendingRows.computeIfAbsent(table, t -> new ArrayList<>()).addAll(rows);
  }

  /** The session's own uncommitted rows of a table (empty outside a block). */
  public List<Object[]> pendingRows(String table) {
    return pendingRows.getOrDefault(table, List.of());
  }

  /** Forgets a dropped table's buffered rows. */
  public void forget(String table) {
    pendingRows.remove(table);
  }
}
