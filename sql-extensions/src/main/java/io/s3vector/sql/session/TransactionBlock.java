package io.s3vector.sql.session;

import io.s3vector.sql.TransactionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session's transaction block: its status and the rows INSERTed inside it, buffered here and
 * appended to storage at COMMIT (one append per table), discarded at ROLLBACK. Serial columns of
 * buffered rows get their values at COMMIT, when storage assigns them.
 */
public final class TransactionBlock {
  private TransactionStatus status = TransactionStatus.IDLE;
  private final Map<String, List<Object[]>> pendingRows = new LinkedHashMap<>();

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
    status = TransactionStatus.IDLE;
    return rows;
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
