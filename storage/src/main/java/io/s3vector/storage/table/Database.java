package io.s3vector.storage.table;

import io.s3vector.storage.io.ReadStats;
import java.util.List;
import java.util.Optional;

/**
 * The set of tables in one store (a data folder or a bucket prefix), as of the newest manifest.
 * Thread-safe; several servers may open the same store. Implemented by {@code StoreDatabase}.
 */
public interface Database extends AutoCloseable {

  /**
   * Creates the table. Returns false, changing nothing, when a table of that name exists and
   * {@code ifNotExists}; throws {@link TableExistsException} when it exists and not.
   */
  boolean createTable(TableSchema schema, boolean ifNotExists);

  /** Drops the table. Returns false when it does not exist (the caller decides if that is an error). */
  boolean dropTable(String name);

  /**
   * Changes the table's schema in one manifest commit: {@code change} gets the newest committed
   * schema (it may run more than once, when another commit wins the race) and returns the new
   * one, or the same object to commit nothing. Rows already stored are not rewritten: a column
   * added is read from older segments as its {@link ColumnSpec#missing} value, one dropped is no
   * longer read. Returns the schema committed; throws {@link java.util.NoSuchElementException}
   * when there is no such table.
   */
  default TableSchema alterTable(String name, java.util.function.UnaryOperator<TableSchema> change) {
    throw new UnsupportedOperationException("ALTER TABLE");
  }

  /** The table as of the newest manifest this server has seen (re-read when stale). */
  Optional<Table> table(String name);

  /**
   * The table that has the index of this name (index names are unique in the store, as
   * PostgreSQL's are per schema), for DROP INDEX; empty when there is no such index.
   */
  default Optional<String> tableOfIndex(String index) {
    return Optional.empty();
  }

  /**
   * Starts an all-or-nothing write to any of the tables: segments are staged as rows arrive and
   * one manifest commit makes all of them visible (see {@link StagedWrite}).
   */
  default StagedWrite beginWrite() {
    throw new UnsupportedOperationException("staged writes");
  }

  /**
   * A statement's view of every table at the newest manifest (looked for at most every refresh
   * interval), whose reads count in its own stats and in the database's totals.
   */
  ReadView readView();

  /** What every read of this database has cost since it opened (statements' views included). */
  ReadStats readTotals();

  /**
   * VACUUM: rewrites the table's recent small commits (kept as one object each until merges fold
   * them) as plain Zarr segments, so that every row is readable as Zarr; returns how many runs of
   * them were rewritten. Waits for the rewrite.
   */
  default int vacuum(String table) {
    return 0;
  }

  /** Names of all tables, sorted. */
  List<String> tableNames();

  /** The schemas created in the store (CREATE SCHEMA), sorted; storage does not interpret them. */
  default List<String> schemaNames() {
    return List.of();
  }

  /** Creates the schema in one manifest commit; false, changing nothing, when it exists. */
  default boolean createSchema(String name) {
    throw new UnsupportedOperationException("CREATE SCHEMA");
  }

  /**
   * Drops the schema and every table {@code inSchema} accepts in one manifest commit; returns the
   * tables dropped, or empty when there is no such schema.
   */
  default Optional<List<String>> dropSchema(
      String name, java.util.function.Predicate<String> inSchema) {
    throw new UnsupportedOperationException("DROP SCHEMA");
  }

  /** The sequences made by CREATE SEQUENCE, by name, as of the newest manifest this server has seen. */
  default java.util.SortedMap<String, SequenceSpec> sequences() {
    return java.util.Collections.emptySortedMap();
  }

  /**
   * Creates the sequence in one manifest commit. Returns false, changing nothing, when a table,
   * index or sequence of that name exists and {@code ifNotExists}; throws {@link
   * TableExistsException} when one exists and not.
   */
  default boolean createSequence(String name, SequenceSpec spec, boolean ifNotExists) {
    throw new UnsupportedOperationException("CREATE SEQUENCE");
  }

  /**
   * Changes the sequence in one manifest commit: {@code change} gets the newest committed one (it
   * may run more than once) and returns the new one, or null to drop it. Returns what was
   * committed; throws {@link java.util.NoSuchElementException} when there is no such sequence.
   */
  default SequenceSpec alterSequence(String name, java.util.function.UnaryOperator<SequenceSpec> change) {
    throw new UnsupportedOperationException("ALTER SEQUENCE");
  }

  /**
   * nextval: the next value of the sequence, from a block of values this server reserved in the
   * manifest (as PostgreSQL logs a sequence ahead, values reserved and not handed out before a
   * restart are skipped; two servers hand out values of their own blocks, unique but not in
   * order between them). Returns null when the sequence reached its end without cycling; throws
   * {@link java.util.NoSuchElementException} when there is no such sequence.
   */
  default Long nextSequenceValue(String name) {
    throw new UnsupportedOperationException("nextval");
  }

  @Override
  void close();
}
