package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.keys.KeyChecks;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appends to one table gathered into one group commit: the callers' rows in arrival order,
 * written as one segment (or one per run of equal vector dimensions, for a {@code vector} column
 * without a declared dimension), with serial values taken from the table's sequences.
 *
 * <p>Serial values are written into the segment, so they are allocated from the sequences of the
 * manifest the commit builds on; if another server advanced a sequence meanwhile, the commit's
 * retry allocates again and rewrites the segment. Without NULL serial values the written segment
 * is reused across retries.
 */
public final class TableAppend {

  private static final Logger LOG = LoggerFactory.getLogger(TableAppend.class);

  /** One caller's rows and the future its {@code append} waits on. */
  record Request(String tableId, String table, List<Object[]> rows,
      CompletableFuture<List<Object[]>> done) {}

  private final String tableId;
  private final String table;
  private final List<Request> requests = new ArrayList<>();
  /** Requests refused (a duplicate unique key) against the base of the last attempt. */
  private Map<Request, StorageException> rejected = Map.of();
  /** The requests whose rows the written segments hold. */
  private List<Request> writtenRequests;
  private List<Object[]> stored;
  private List<SegmentRef> written = List.of();
  /** The columns of each written segment, kept to build index graphs without reading back. */
  private List<List<ColumnData>> writtenColumns = List.of();
  /** The rows of each written segment. */
  private List<List<Object[]>> writtenRows = List.of();
  /** The indexes whose graph each written segment has (by segment id). */
  private final Map<String, Set<IndexDefinition>> graphs = new HashMap<>();
  private String writtenDirectory;
  /** Sequence values (serial columns with NULLs only) the written segments were filled from. */
  private Map<String, Long> writtenFrom;
  private Map<String, Long> advancedTo = Map.of();
  private StorageException failure;

  TableAppend(String tableId, String table) {
    this.tableId = tableId;
    this.table = table;
  }

  String tableId() {
    return tableId;
  }

  String table() {
    return table;
  }

  void add(Request request) {
    requests.add(request);
  }

  boolean failed() {
    return failure != null;
  }

  /**
   * This append applied to {@code base}, writing segments first when needed; {@code base}
   * unchanged when the table is gone (then the callers get an error).
   */
  Manifest applyTo(Manifest base, SegmentWriter writer, ObjectStore store,
      SegmentIndexes indexes, KeyChecks keys) {
    TableEntry entry = base.table(table);
    if (entry == null || !entry.id().equals(tableId)) {
      failure = new StorageException("relation \"" + table + "\" does not exist");
      return base;
    }
    failure = null;
    Map<String, Long> from = sequencesUsed(entry);
    List<Request> accepted;
    try {
      accepted = acceptKeys(entry, from, keys);
    } catch (StorageException e) {
      failure = e;
      return base;
    }
    if (accepted.isEmpty()) {
      discardWritten(store);
      writtenFrom = null;
      return base;
    }
    if (writtenFrom == null || !writtenFrom.equals(from) || !entry.directory().equals(writtenDirectory)
        || !accepted.equals(writtenRequests)) {
      discardWritten(store);
      writtenDirectory = entry.directory();
      try {
        fillSerials(entry, from, accepted);
        written = write(writer, entry, indexes);
        for (int i = 0; i < written.size(); i++) {
          keys.remember(entry.directory(), written.get(i).id(), entry.schema(),
              writtenRows.get(i));
        }
      } catch (StorageException e) {
        failure = e;
        writtenFrom = null;
        return base;
      }
      writtenFrom = from;
      writtenRequests = accepted;
    }
    return base.withTable(entry.withAppended(withGraphs(entry, indexes), advancedTo));
  }

  /**
   * The written segments, each with the graph of every index of the table built and written
   * (when the segment is large enough), so its rows are found by index searches the moment the
   * manifest names them. A graph that cannot be built leaves the segment to exact scans.
   */
  private List<SegmentRef> withGraphs(TableEntry entry, SegmentIndexes indexes) {
    List<SegmentRef> refs = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      SegmentRef segment = written.get(i);
      Set<IndexDefinition> built = graphs.computeIfAbsent(segment.id(), id -> new HashSet<>());
      List<String> names = new ArrayList<>();
      for (IndexDefinition index : entry.indexes()) {
        if (!built.contains(index) && indexes.indexes(segment.rows())) {
          int column = entry.schema().indexOf(index.column());
          try {
            if (column >= 0 && indexes.build(
                entry.directory(), segment.id(), index, writtenColumns.get(i).get(column))) {
              built.add(index);
            }
          } catch (RuntimeException e) {
            LOG.warn("could not build the graph of index \"{}\" for a new segment of \"{}\": {}",
                index.name(), table, e.toString());
          }
        }
        if (built.contains(index)) {
          names.add(index.name());
        }
      }
      refs.add(segment.withIndexes(names));
    }
    return refs;
  }

  /**
   * The requests whose rows keep every unique key unique, against the live rows of {@code entry}
   * and the requests before them (in arrival order); the others are refused. Rows that take
   * serial values are numbered as {@link #fillSerials} will number them, so keys on serial
   * columns are checked too.
   */
  private List<Request> acceptKeys(TableEntry entry, Map<String, Long> from, KeyChecks keys) {
    List<TableSchema.UniqueKey> uniqueKeys = entry.schema().uniqueKeys();
    if (uniqueKeys.isEmpty()) {
      rejected = Map.of();
      return requests;
    }
    List<Object[]> keepStored = stored;
    Map<String, Long> keepAdvanced = advancedTo;
    List<io.s3vector.storage.keys.LiveKeys> existing = new ArrayList<>();
    for (TableSchema.UniqueKey key : uniqueKeys) {
      existing.add(keys.live(entry.directory(), entry.schema(), entry.segments(), Map.of(), key, null));
    }
    Map<Request, StorageException> refused = new HashMap<>();
    List<Request> accepted = requests;
    try {
      // serial values depend on which requests are numbered: check again until none is refused
      while (true) {
        fillSerials(entry, from, accepted);
        List<Request> next = new ArrayList<>();
        List<java.util.TreeSet<Object[]>> seen = new ArrayList<>();
        for (int k = 0; k < uniqueKeys.size(); k++) {
          seen.add(io.s3vector.storage.keys.KeyIndex.newKeySet());
        }
        int at = 0;
        for (Request request : accepted) {
          List<Object[]> rows = stored.subList(at, at + request.rows().size());
          at += request.rows().size();
          List<java.util.TreeSet<Object[]>> tried = new ArrayList<>();
          for (java.util.TreeSet<Object[]> set : seen) {
            tried.add(new java.util.TreeSet<>(set));
          }
          try {
            for (int k = 0; k < uniqueKeys.size(); k++) {
              int[] columns = entry.schema().indexesOf(uniqueKeys.get(k).columns());
              for (Object[] row : rows) {
                KeyChecks.check(uniqueKeys.get(k),
                    io.s3vector.storage.keys.KeyIndexes.key(row, columns), existing.get(k), tried.get(k));
              }
            }
            seen = tried;
            next.add(request);
          } catch (StorageException e) {
            refused.put(request, e);
          }
        }
        if (next.size() == accepted.size()) {
          break;
        }
        accepted = next;
      }
    } finally {
      stored = keepStored;
      advancedTo = keepAdvanced;
    }
    rejected = refused;
    return accepted;
  }

  /** The committed rows back to each caller. */
  void complete() {
    int at = 0;
    for (Request request : requests) {
      if (failure != null) {
        request.done().completeExceptionally(failure);
        continue;
      }
      StorageException refused = rejected.get(request);
      if (refused != null) {
        request.done().completeExceptionally(refused);
        continue;
      }
      int n = request.rows().size();
      request.done().complete(List.copyOf(stored.subList(at, at + n)));
      at += n;
    }
  }

  void fail(Throwable cause) {
    for (Request request : requests) {
      request.done().completeExceptionally(cause);
    }
  }

  /** Deletes segments written for a commit that did not happen. */
  void discardWritten(ObjectStore store) {
    for (SegmentRef segment : written) {
      SegmentWriter.delete(store, writtenDirectory, segment.id());
    }
    written = List.of();
    writtenColumns = List.of();
    writtenRows = List.of();
    writtenRequests = null;
    graphs.clear();
  }

  /** The current value of each serial sequence this append draws from (columns with NULLs). */
  private Map<String, Long> sequencesUsed(TableEntry entry) {
    Map<String, Long> used = new HashMap<>();
    List<ColumnSpec> columns = entry.schema().columns();
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).serial() && anyNull(c)) {
        used.put(columns.get(c).name(), entry.lastSequenceValue(columns.get(c).name()));
      }
    }
    return used;
  }

  private boolean anyNull(int column) {
    for (Request request : requests) {
      for (Object[] row : request.rows()) {
        if (row[column] == null) {
          return true;
        }
      }
    }
    return false;
  }

  private void fillSerials(TableEntry entry, Map<String, Long> from, List<Request> accepted) {
    List<ColumnSpec> columns = entry.schema().columns();
    stored = new ArrayList<>();
    for (Request request : accepted) {
      for (Object[] row : request.rows()) {
        stored.add(row.clone());
      }
    }
    Map<String, Long> advanced = new HashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      ColumnSpec spec = columns.get(c);
      Long last = from.get(spec.name());
      if (last == null) {
        continue;
      }
      long value = last;
      long max = serialMax(spec.type());
      for (Object[] row : stored) {
        if (row[c] == null) {
          if (value >= max) {
            throw sequenceExhausted(table, spec, max);
          }
          value++;
          row[c] = serialValue(spec.type(), value);
        }
      }
      advanced.put(spec.name(), value);
    }
    advancedTo = advanced;
  }

  private List<SegmentRef> write(SegmentWriter writer, TableEntry entry, SegmentIndexes indexes) {
    List<List<ColumnData>> allColumns = new ArrayList<>();
    writtenColumns = allColumns;
    writtenRows = runsOfEqualDimensions(entry.schema(), stored);
    return writeSegments(writer, entry.directory(), entry.schema(), stored, allColumns, indexes);
  }

  /**
   * Writes {@code rows} (serial values filled) as one segment per run of equal vector widths;
   * adds each segment's columns to {@code columnsOut} (to build graphs without reading back). A
   * segment too small for a graph ({@code indexes}) is written as one object, a {@link
   * io.s3vector.storage.segment.SegmentPack}: the log of small commits that compaction folds.
   */
  public static List<SegmentRef> writeSegments(SegmentWriter writer, String directory,
      TableSchema schema, List<Object[]> rows, List<List<ColumnData>> columnsOut,
      SegmentIndexes indexes) {
    List<SegmentRef> segments = new ArrayList<>();
    for (List<Object[]> run : runsOfEqualDimensions(schema, rows)) {
      List<ColumnData> columns = new ArrayList<>();
      for (int c = 0; c < schema.columns().size(); c++) {
        ColumnSpec spec = schema.columns().get(c);
        int dimension = spec.type() == ColumnType.VECTOR ? dimension(spec, run, c) : 0;
        columns.add(ColumnData.fromRows(spec.name(), spec.type(), dimension, run, c));
      }
      SegmentWriter.Written segment =
          writer.write(directory, schema, columns, indexes.packs(run.size()));
      segments.add(new SegmentRef(segment.id(), run.size()));
      columnsOut.add(columns);
    }
    return segments;
  }

  /** The largest value a serial column of this type takes (PostgreSQL's sequence maximum). */
  public static long serialMax(ColumnType type) {
    return switch (type) {
      case INT2 -> Short.MAX_VALUE;
      case INT4 -> Integer.MAX_VALUE;
      default -> Long.MAX_VALUE;
    };
  }

  /** A sequence value as the column's Java class. */
  public static Object serialValue(ColumnType type, long value) {
    return switch (type) {
      case INT2 -> (short) value;
      case INT4 -> (int) value;
      default -> value;
    };
  }

  public static StorageException sequenceExhausted(String table, ColumnSpec spec, long max) {
    return new StorageException("nextval: reached maximum value of sequence \"" + table + "_"
        + spec.name() + "_seq\" (" + max + ")");
  }

  /** A vector column's declared dimension, else that of the run's first non-NULL vector, else 1. */
  private static int dimension(ColumnSpec spec, List<Object[]> rows, int column) {
    if (spec.dimension() > 0) {
      return spec.dimension();
    }
    for (Object[] row : rows) {
      if (row[column] instanceof float[] vector) {
        return vector.length;
      }
    }
    return 1;
  }

  /**
   * The rows split into maximal runs in which every undeclared-dimension vector column has one
   * length (a Zarr array has one width); one run in the usual case.
   */
  public static List<List<Object[]>> runsOfEqualDimensions(TableSchema schema, List<Object[]> rows) {
    List<Integer> open = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      ColumnSpec spec = schema.columns().get(c);
      if (spec.type() == ColumnType.VECTOR && spec.dimension() == 0) {
        open.add(c);
      }
    }
    if (open.isEmpty()) {
      return List.of(rows);
    }
    List<List<Object[]>> runs = new ArrayList<>();
    int start = 0;
    int[] widths = new int[open.size()];
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      boolean fits = true;
      for (int i = 0; i < open.size() && fits; i++) {
        if (row[open.get(i)] instanceof float[] v && widths[i] != 0 && widths[i] != v.length) {
          fits = false;
        }
      }
      if (!fits) {
        runs.add(rows.subList(start, r));
        start = r;
        java.util.Arrays.fill(widths, 0);
      }
      for (int i = 0; i < open.size(); i++) {
        if (row[open.get(i)] instanceof float[] v) {
          widths[i] = v.length;
        }
      }
    }
    runs.add(rows.subList(start, rows.size()));
    return runs;
  }
}
