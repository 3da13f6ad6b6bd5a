package io.s3vector.sql.catalog;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.session.CommandProgress;
import io.s3vector.storage.io.ReadStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;

/**
 * The virtual relations: pg_catalog's ({@link PgCatalog}), information_schema's ({@link
 * InformationSchema}), and our own statistics and progress views.
 */
public final class CatalogTables {
  /** One virtual table: its row type and its rows. */
  public record CatalogTable(String name, RelDataType rowType, CatalogRows rows) {}

  private CatalogTables() {}

  /** The relation {@code schema.name} of pg_catalog or information_schema, or null. */
  public static CatalogTable table(String schema, String name) {
    return switch (schema) {
      case "pg_catalog" -> table(name);
      case "information_schema" -> InformationSchema.table(name);
      default -> null;
    };
  }

  /** The relation of that name in schema pg_catalog, or null. */
  public static CatalogTable table(String name) {
    CatalogTable relation = PgCatalog.table(name);
    if (relation != null) {
      return relation;
    }
    return switch (name) {
      case "s3vector_stat_io" -> statIo();
      case "s3vector_stat_memory" -> statMemory("s3vector_stat_memory", false);
      case "s3vector_stat_memory_after_gc" -> statMemory("s3vector_stat_memory_after_gc", true);
      case "pg_stat_progress_create_index" -> progressCreateIndex();
      case "pg_stat_progress_copy" -> progressCopy();
      default -> null;
    };
  }

  /**
   * {@code s3vector_stat_io}: what this server's reads cost since it started, one row per tier
   * (in-process cache, Redis, object store), like PostgreSQL's {@code pg_stat_io}.
   */
  private static CatalogTable statIo() {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    b.add("tier", PgRelTypes.TEXT);
    b.add("served", PgRelTypes.INT8);
    b.add("bytes", PgRelTypes.INT8);
    b.add("requests", PgRelTypes.INT8);
    b.add("rounds", PgRelTypes.INT8);
    b.add("wait_time", PgRelTypes.FLOAT8);
    return new CatalogTable("s3vector_stat_io", b.build(), session -> {
      ReadStats.Snapshot io = session.database().readTotals().snapshot();
      return List.of(
          new Object[] {"l1", io.l1Values(), io.l1Bytes(), null, null, null},
          new Object[] {"redis", io.redisRanges(), io.redisBytes(), null, null, null},
          new Object[] {"object_store", io.storeRanges(), io.storeBytes(), io.storeRequests(),
              io.rounds(), io.waitNanos() / 1e6});
    });
  }

  /**
   * {@code s3vector_stat_memory}: this server's Java heap in bytes, one row: used, committed and
   * max ({@code -Xmx}; null when unbounded). {@code s3vector_stat_memory_after_gc} is the same
   * read just after a full collection ({@code System.gc()}), so {@code heap_used} is close to the
   * live data; reading it pauses the server for that collection (seconds on a large heap).
   */
  private static CatalogTable statMemory(String name, boolean gcFirst) {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    b.add("heap_used", PgRelTypes.INT8);
    b.add("heap_committed", PgRelTypes.INT8);
    b.add("heap_max", PgRelTypes.INT8);
    return new CatalogTable(name, b.build(), session -> {
      if (gcFirst) {
        System.gc();
      }
      MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
      List<Object[]> rows = new ArrayList<>();
      rows.add(new Object[] {heap.getUsed(), heap.getCommitted(), heap.getMax() < 0 ? null : heap.getMax()});
      return rows;
    });
  }

  /**
   * {@code pg_stat_progress_create_index}: one row per running CREATE INDEX of the server, with
   * PostgreSQL's columns. tuples_total is the rows of the segments being indexed (those large
   * enough for a graph), tuples_done the rows inserted so far; we have no OIDs (datid, relid and
   * index_relid are 0), no lock waits and no partitions (0).
   */
  private static CatalogTable progressCreateIndex() {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    b.add("pid", PgRelTypes.INT4);
    b.add("datid", PgRelTypes.OID);
    b.add("datname", PgRelTypes.TEXT);
    b.add("relid", PgRelTypes.OID);
    b.add("index_relid", PgRelTypes.OID);
    b.add("command", PgRelTypes.TEXT);
    b.add("phase", PgRelTypes.TEXT);
    for (String counter : List.of("lockers_total", "lockers_done", "current_locker_pid",
        "blocks_total", "blocks_done", "tuples_total", "tuples_done", "partitions_total",
        "partitions_done")) {
      b.add(counter, PgRelTypes.INT8);
    }
    return new CatalogTable("pg_stat_progress_create_index", b.build(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (CommandProgress.CreateIndex e : session.progress().running(CommandProgress.CreateIndex.class)) {
        String phase = e.phase();
        long done = e.build().done();
        long total = e.build().total();
        rows.add(new Object[] {e.pid(), 0L, e.datname(), 0L, 0L, "CREATE INDEX", phase,
            0L, 0L, 0L, 0L, 0L, total, Math.min(done, total), 0L, 0L});
      }
      return rows;
    });
  }

  /**
   * {@code pg_stat_progress_copy}: one row per running COPY FROM STDIN of the server, with
   * PostgreSQL's columns: the bytes received and rows parsed so far (a pipe has no bytes_total: 0).
   */
  private static CatalogTable progressCopy() {
    RelDataTypeFactory.Builder b = PgRelTypes.FACTORY.builder();
    b.add("pid", PgRelTypes.INT4);
    b.add("datid", PgRelTypes.OID);
    b.add("datname", PgRelTypes.TEXT);
    b.add("relid", PgRelTypes.OID);
    b.add("command", PgRelTypes.TEXT);
    b.add("type", PgRelTypes.TEXT);
    b.add("bytes_processed", PgRelTypes.INT8);
    b.add("bytes_total", PgRelTypes.INT8);
    b.add("tuples_processed", PgRelTypes.INT8);
    b.add("tuples_excluded", PgRelTypes.INT8);
    return new CatalogTable("pg_stat_progress_copy", b.build(), session -> {
      List<Object[]> rows = new ArrayList<>();
      for (CommandProgress.Copy e : session.progress().running(CommandProgress.Copy.class)) {
        rows.add(new Object[] {e.pid(), 0L, e.datname(), 0L, "COPY FROM", "PIPE",
            e.bytesProcessed(), 0L, e.tuplesProcessed(), 0L});
      }
      return rows;
    });
  }
}
