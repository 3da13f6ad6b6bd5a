package io.s3vector.storage.engine;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.ObservedManifest;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.SerialSequence;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A handle on one table of a {@link StoreDatabase}. It resolves the table in the newest manifest
 * on every call, so a handle kept across commits (of this or another server) sees them; it is
 * bound to the table's id, so after DROP TABLE and CREATE TABLE of the same name it fails rather
 * than touch the new table.
 */
public final class StoreTable implements Table {

  private final StoreDatabase database;
  private final String id;
  private final String name;
  private volatile TableSchema lastSchema;
  /** Sequence values reserved in the manifest and not yet handed out: column → {next, last}. */
  private final Map<String, SerialBlock> serialCache = new HashMap<>();
  /** Values reserved per manifest commit (at least), as PostgreSQL's sequence CACHE. */
  static final int SERIAL_BLOCK = 32;
  /** Values reserved at once while concurrent writes number rows ({@link #serialsContended}). */
  static final int CONTENDED_SERIAL_BLOCK = 1024;
  /** How long after two writes of this server numbered from one value they take reserved ones. */
  private static final long CONTENTION_NANOS = 5_000_000_000L;
  /** Until when ({@link System#nanoTime}) writes number from reserved values; 0: never yet. */
  private volatile long contendedUntil;
  private final java.util.concurrent.atomic.LongAdder renumbered =
      new java.util.concurrent.atomic.LongAdder();

  StoreTable(StoreDatabase database, TableEntry entry) {
    this.database = database;
    this.id = entry.id();
    this.name = entry.schema().name();
    this.lastSchema = entry.schema();
  }

  @Override
  public String name() {
    return name;
  }

  /** The table's id in the manifest. */
  public String id() {
    return id;
  }

  @Override
  public TableSchema schema() {
    TableEntry entry = database.manifest().table(name);
    if (entry != null && entry.id().equals(id)) {
      lastSchema = entry.schema();
    }
    return lastSchema;
  }

  @Override
  public List<Object[]> append(List<Object[]> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    check(schema(), rows);
    // the one write path: a write of its own, its commit shared with the writes waiting then
    try (StagedWrite write = database.beginWrite()) {
      List<Object[]> stored = ((StoreStagedWrite) write).writeAll(this, rows);
      write.commit();
      return stored;
    }
  }

  /**
   * Two writes of this server numbered their rows from the same sequence value (the one the
   * manifest held) and one of them had to number again: for a while, writes take reserved values
   * instead ({@link #reserveSerials}, in blocks of {@link #CONTENDED_SERIAL_BLOCK}). Numbering
   * from the manifest costs nothing while one client writes, but under 16 clients nearly every
   * write of a group found the sequence moved by the one before it and wrote its pack again
   * (server CPU per INSERT into a bigserial table 413–422 µs, with reserved values 359–367 µs).
   */
  void contendSerials() {
    renumbered.increment();
    contendedUntil = System.nanoTime() + CONTENTION_NANOS;
  }

  /** How many writes numbered their rows again because another write moved the sequence. */
  long renumberedWrites() {
    return renumbered.sum();
  }

  /** Whether writes number their rows from reserved values ({@link #contendSerials}). */
  boolean serialsContended() {
    long until = contendedUntil;
    return until != 0 && System.nanoTime() - until < 0;
  }

  /**
   * Whether the sequence moved since this server reserved {@code block}: the newest manifest it
   * knows numbered past it (another write, another server's block), set it back (setval,
   * TRUNCATE ... RESTART IDENTITY) or anchored it anew (ALTER SEQUENCE). Reserving left the
   * sequence at the block's end.
   */
  private boolean sequenceMovedPast(String column, SerialBlock block) {
    TableEntry entry = database.log().current().table(name);
    return entry != null && entry.id().equals(id)
        && !entry.sequenceStandsAt(column, block.sequence, block.end);
  }

  StoreDatabase database() {
    return database;
  }

  /** Row widths and NOT NULL constraints (serial columns excepted: NULL takes nextval). */
  void check(TableSchema schema, List<Object[]> rows) {
    List<ColumnSpec> columns = schema.columns();
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new StorageException(
            "row of " + row.length + " values for the " + columns.size() + " columns of \""
                + name + "\"");
      }
      for (int c = 0; c < columns.size(); c++) {
        ColumnSpec spec = columns.get(c);
        if (row[c] == null && spec.notNull() && !spec.serial()) {
          throw new StorageException(
              "null value in column \"" + spec.name() + "\" of relation \"" + name
                  + "\" violates not-null constraint");
        }
      }
    }
  }

  /**
   * Whether this server holds sequence values reserved and not handed out yet (nextval() took a
   * block): a write then numbers its rows from them, as PostgreSQL's next value would be, where
   * numbering from the manifest would skip past the block.
   */
  synchronized boolean holdsReservedSerials() {
    for (Map.Entry<String, SerialBlock> e : serialCache.entrySet()) {
      if (e.getValue().remaining() > 0 && !sequenceMovedPast(e.getKey(), e.getValue())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized SerialSequence.State serialState(String column) {
    SerialBlock cached = serialCache.get(column);
    if (cached != null && !sequenceMovedPast(column, cached)) {
      return cached.state();
    }
    TableEntry entry = database.log().current().table(name);
    return entry == null ? new SerialSequence.State(1, false) : entry.sequenceState(column);
  }

  @Override
  public synchronized void giveBackSerials(String column) {
    SerialBlock cached = serialCache.remove(column);
    if (cached != null && cached.remaining() > 0 && !sequenceMovedPast(column, cached)) {
      database.giveBackSerials(id, name, column, cached);
    }
  }

  @Override
  public synchronized void setSequence(String column, long value, boolean called) {
    database.setSequence(id, name, column, value, called);
    serialCache.remove(column);
  }

  @Override
  public synchronized long[] reserveSerials(String column, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    SerialBlock cached = serialCache.get(column);
    if (cached != null && sequenceMovedPast(column, cached)) {
      // values were numbered past the block (a write numbered at its commit, another server's
      // reservation): continuing below them would hand out values again, so skip the rest
      serialCache.remove(column);
      cached = null;
    }
    if (cached != null && cached.remaining() >= count) {
      return cached.take(count);
    }
    int blockSize = serialsContended() ? CONTENDED_SERIAL_BLOCK : SERIAL_BLOCK;
    SerialBlock block = database.reserveSerials(id, name, column, count,
        Math.max(count, blockSize));
    if (cached != null) {
      block = cached.continuedBy(block); // nobody reserved in between: the old block's rest first
    }
    serialCache.put(column, block);
    return block.take(count);
  }

  @Override
  public StoreSnapshot snapshot() {
    ObservedManifest pinned = database.log().observeIfStale();
    TableEntry entry = pinned.manifest().table(name);
    if (entry == null || !entry.id().equals(id)) {
      throw new StorageException("relation \"" + name + "\" does not exist");
    }
    return new StoreSnapshot(entry, pinned, database, database.readTotals());
  }

  @Override
  public boolean createIndex(IndexDefinition index, boolean ifNotExists) {
    return database.indexDdl().create(id, name, index, ifNotExists);
  }

  @Override
  public boolean dropIndex(String index) {
    return database.indexDdl().drop(id, name, index);
  }

  @Override
  public String toString() {
    return name;
  }
}
