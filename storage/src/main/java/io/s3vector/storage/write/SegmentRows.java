package io.s3vector.storage.write;

import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows written as new segments: one segment per run of equal vector widths (a {@code vector}
 * column without a declared dimension may hold several), a small one as a pack; and the rules of
 * serial values the write path numbers rows with.
 */
public final class SegmentRows {

  private SegmentRows() {}

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
