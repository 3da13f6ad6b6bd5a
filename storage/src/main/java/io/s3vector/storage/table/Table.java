package io.s3vector.storage.table;

import java.util.List;

/** One table: its schema, a durable append path and consistent read snapshots. Thread-safe. */
public interface Table {

  String name();

  /**
   * An id given at CREATE TABLE, the same for the table's whole life and different for a table
   * dropped and created again under the same name (the SQL layer derives its OIDs from it).
   */
  default String id() {
    return name();
  }

  TableSchema schema();

  /**
   * Appends rows (values in schema column order, Java classes as {@link ColumnType} documents,
   * already checked by the SQL layer). A null in a {@link ColumnSpec#serial()} column takes the
   * next sequence value. Returns only when the rows and the manifest that names them are durable
   * in the store; concurrent appends may be committed together (group commit).
   *
   * @return the rows as stored, with serial values filled in, in the same order
   */
  List<Object[]> append(List<Object[]> rows);

  /**
   * nextval for {@code count} rows: reserves the next {@code count} values of the sequence of
   * serial column {@code column} and returns them in order. Like PostgreSQL's sequences this is
   * not transactional: the values are never handed out again, whether or not rows using them are
   * ever stored (a rollback or a crash leaves a gap). Durable and safe across servers: values are
   * reserved through the manifest, in blocks cached per table, so most calls cost no store write.
   * Values one server hands out (here or by {@link #append}) follow the sequence: a cached block
   * is skipped once anything was numbered past it.
   *
   * @throws SequenceExhaustedException when the sequence ended (without CYCLE)
   * @throws StorageException when the column is not serial
   */
  default long[] reserveSerials(String column, int count) {
    throw new UnsupportedOperationException("reserveSerials");
  }

  /**
   * Where the sequence of serial column {@code column} stands as this server sees it: from the
   * block it reserved, else from the newest manifest it knows.
   */
  default SerialSequence.State serialState(String column) {
    throw new UnsupportedOperationException("serialState");
  }

  /**
   * Before ALTER SEQUENCE: the values of serial column {@code column}'s sequence this server
   * reserved and did not hand out go back to the sequence (one manifest commit) when no other
   * server reserved after them, so the sequence goes on from the last value handed out, as
   * PostgreSQL's does; else they are dropped (a gap).
   */
  default void giveBackSerials(String column) {}

  /**
   * setval(seq, value, called): the sequence of serial column {@code column} has handed out
   * {@code value} (called) or hands it out next; one manifest commit, not transactional. Values
   * this and other servers reserved and did not hand out yet are dropped.
   *
   * @throws StorageException when the column is not serial
   */
  default void setSequence(String column, long value, boolean called) {
    throw new UnsupportedOperationException("setSequence");
  }

  /** A consistent view of the table's committed rows, unaffected by later appends. */
  TableSnapshot snapshot();

  /**
   * CREATE INDEX ... USING hnsw: builds the graph of every segment with at least {@link
   * StoreOptions#minIndexedSegmentRows()} rows, writes them, then commits the manifest naming the
   * index. From then on, appended segments that large and every compacted segment get their graph
   * before they are committed. Returns false, changing nothing, when the name is taken and {@code
   * ifNotExists}.
   *
   * @throws IndexExistsException when a table or an index already has the name (42P07)
   * @throws StorageException when the column does not exist or is not a vector column
   */
  default boolean createIndex(IndexDefinition index, boolean ifNotExists) {
    throw new UnsupportedOperationException("CREATE INDEX");
  }

  default void createIndex(IndexDefinition index) {
    createIndex(index, false);
  }

  /** DROP INDEX: returns false when the table has no index of that name. */
  default boolean dropIndex(String name) {
    throw new UnsupportedOperationException("DROP INDEX");
  }
}
