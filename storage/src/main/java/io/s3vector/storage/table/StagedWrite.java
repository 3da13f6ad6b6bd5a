package io.s3vector.storage.table;

import java.util.List;

/**
 * An all-or-nothing write to any number of tables of one {@link Database} (a COPY, the COMMIT of
 * a transaction block). Rows are buffered and written as segments once enough have arrived, so
 * memory stays bounded however many rows come; those segments are durable but invisible — no
 * manifest names them — until {@link #commit()} makes every staged row of every table visible
 * with one conditional manifest commit. {@link #abort()} (or {@link #close()} before a commit)
 * deletes the staged objects; a crash leaves them as unreferenced garbage, never a torn table.
 *
 * <p>Serial columns: a NULL takes the next sequence value, as in {@link Table#append}. Rows
 * written as a segment before the commit get their values reserved from the table's sequence
 * ({@link Table#reserveSerials}); rows still buffered at the commit take them from the manifest
 * the commit builds on. Values a failed or aborted write took are skipped, as in PostgreSQL.
 *
 * <p>Segments with at least {@link StoreOptions#minIndexedSegmentRows()} rows get the graph of
 * every index of their table before the commit, outside any lock other writers wait on.
 *
 * <p>Not thread-safe: one session's write.
 */
public interface StagedWrite extends AutoCloseable {

  /**
   * Stages rows (values in schema column order, as for {@link Table#append}); may write a
   * segment. The table must be one of this write's database.
   *
   * @throws io.s3vector.storage.StorageException on a NOT NULL violation, a wrong row width or a
   *     failed segment write (the write stays usable for {@link #abort()} only)
   */
  void write(Table table, List<Object[]> rows);

  /**
   * {@link #write}, for rows whose unique keys the statement has checked against {@code checked}
   * (a snapshot of this write's {@link #readViewWithoutBuffer()} or of the database): the commit
   * then checks them against the segments committed since that snapshot only (and against each
   * other), instead of every segment of the table again.
   */
  default void write(Table table, List<Object[]> rows, TableSnapshot checked) {
    write(table, rows);
  }

  /**
   * Stages the deletion of rows of {@code snapshot} (row numbers, as its scans number them), a
   * snapshot of this write's {@link #readView()} or of the database. Deleted rows are recorded as
   * deletion markers beside their segments at the commit, which fails with {@link
   * WriteConflictException} when another commit deleted one of them (or merged its segment) since.
   */
  default void delete(TableSnapshot snapshot, long[] rowNumbers) {
    throw new UnsupportedOperationException("delete");
  }

  /**
   * TRUNCATE: at the commit the table holds only rows staged after this call (its sequences are
   * kept, as PostgreSQL's TRUNCATE without RESTART IDENTITY keeps them).
   */
  default void truncate(Table table) {
    throw new UnsupportedOperationException("truncate");
  }

  /**
   * TRUNCATE ... RESTART IDENTITY: as {@link #truncate(Table)}, and the table's sequences start
   * again: rows staged after this call are numbered from START ({@link #reserveSerials}), and the
   * commit leaves each sequence where this write's numbering ended, in the same manifest commit.
   */
  default void truncateRestartingIdentity(Table table) {
    throw new UnsupportedOperationException("truncate ... restart identity");
  }

  /**
   * nextval for {@code count} rows this write stages: the table's {@link Table#reserveSerials},
   * or after {@link #truncateRestartingIdentity} this write's own numbering.
   */
  default long[] reserveSerials(Table table, String column, int count) {
    return table.reserveSerials(column, count);
  }

  /**
   * The newest committed state with this write's staged rows and deletions in it (the rows of a
   * transaction block its own statements read). Buffered rows are written as a segment first.
   */
  default ReadView readView() {
    throw new UnsupportedOperationException("readView");
  }

  /**
   * The committed state with this write's written segments and deletions, but without the rows
   * still buffered: a read that must not force them out (a statement's unique check, which asks
   * {@link #buffersKey} about those).
   */
  default ReadView readViewWithoutBuffer() {
    throw new UnsupportedOperationException("readViewWithoutBuffer");
  }

  /** Whether a row still buffered by this write for {@code table} holds {@code value} in {@code key}. */
  default boolean buffersKey(Table table, TableSchema.UniqueKey key, Object[] value) {
    throw new UnsupportedOperationException("buffersKey");
  }

  /** Drops what is staged for the table (it was dropped); nothing when none is. */
  default void forget(String table) {
    throw new UnsupportedOperationException("forget");
  }

  /** A point to roll back to (SAVEPOINT). */
  default Object mark() {
    throw new UnsupportedOperationException("savepoints");
  }

  /** Forgets everything staged since {@code mark} (ROLLBACK TO SAVEPOINT). */
  default void rollbackTo(Object mark) {
    throw new UnsupportedOperationException("savepoints");
  }

  /** Rows staged so far, over all tables. */
  long rows();

  /**
   * Makes every staged row visible with one manifest commit (re-applied on a conflict with
   * another writer). On failure the staged objects are deleted and nothing is visible.
   *
   * @return the version of the committed manifest (the current one when nothing was staged)
   * @throws io.s3vector.storage.StorageException when a table was dropped meanwhile, or the store
   *     fails
   */
  long commit();

  /** Deletes everything staged; nothing becomes visible. Idempotent; a no-op after commit. */
  void abort();

  /** Aborts unless committed. */
  @Override
  default void close() {
    abort();
  }
}
