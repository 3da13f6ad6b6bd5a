package io.s3vector.sql.session;

import io.s3vector.sql.TransactionStatus;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.StagedWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The session's transaction block: its status and its writes. Every INSERT, COPY, UPDATE, DELETE
 * and TRUNCATE inside the block goes to one {@link StagedWrite}, begun at the block's first write:
 * rows are staged to storage as they arrive (memory stays bounded however large the
 * transaction), the block's own statements read through the write's view (its rows and deletions
 * included), and COMMIT makes all of it visible with one manifest commit; ROLLBACK, a dropped
 * connection or a failed COMMIT leave nothing. Serial columns of staged rows already have their
 * values (taken from the sequence when staged).
 */
public final class TransactionBlock {
  private TransactionStatus status = TransactionStatus.IDLE;
  /** The block's write, or null before its first write. */
  private StagedWrite write;
  /** Savepoints, innermost last: their names and the write's mark (null: nothing was staged). */
  private final List<Map.Entry<String, Object>> savepoints = new ArrayList<>();

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

  /** The block's write (begun now if it has none). Only inside a block. */
  public StagedWrite write(Database database) {
    if (!inBlock()) {
      throw new IllegalStateException("not in a transaction block");
    }
    if (write == null) {
      write = database.beginWrite();
    }
    return write;
  }

  /** The block's write if it has begun one (a statement wrote), else null. */
  public StagedWrite existingWrite() {
    return write;
  }

  /** What the block's statements read: the newest state, with the block's own writes. */
  public ReadView readView(Database database) {
    return write == null ? database.readView() : write.readView();
  }

  /** Ends the block, returning its write (null when it wrote nothing) to commit or abort. */
  StagedWrite end() {
    StagedWrite ended = write;
    write = null;
    savepoints.clear();
    status = TransactionStatus.IDLE;
    return ended;
  }

  /** SAVEPOINT name: remembers what the write has staged so far. */
  void savepoint(String name) {
    savepoints.add(Map.entry(name, write == null ? NOTHING : write.mark()));
  }

  /** The mark of a savepoint set before the block's first write. */
  private static final Object NOTHING = new Object();

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
   * ROLLBACK TO name: undoes what was staged since, keeps the savepoint, and leaves a failed
   * block usable again; false if there is no such savepoint.
   */
  boolean rollbackTo(String name) {
    int i = find(name);
    if (i < 0) {
      return false;
    }
    Object mark = savepoints.get(i).getValue();
    savepoints.subList(i + 1, savepoints.size()).clear();
    if (write != null) {
      if (mark == NOTHING) {
        write.abort();
        write = null;
      } else {
        write.rollbackTo(mark);
      }
    }
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

  /** Forgets what the block staged for a table dropped inside it. */
  public void forget(String table) {
    if (write != null) {
      write.forget(table);
    }
  }
}
