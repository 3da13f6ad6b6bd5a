package io.s3vector.storage.segment;

import io.s3vector.storage.table.ColumnSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a reader may know of one row chunk of a segment without decoding it: its row range and,
 * for each numeric or timestamp column with a non-NULL value, the minimum and maximum (integers
 * and timestamps as Long — timestamps in microseconds — floats as Double, or the strings "NaN",
 * "Infinity", "-Infinity" which JSON numbers cannot hold; NaN is the maximum as in PostgreSQL's
 * ordering).
 *
 * @param firstRow the chunk's first row within the segment
 * @param rowCount rows in the chunk
 * @param min column name → minimum
 * @param max column name → maximum
 */
public record ChunkStats(
    long firstRow, int rowCount, Map<String, Object> min, Map<String, Object> max) {

  static ChunkStats compute(
      java.util.List<ColumnSpec> columns, java.util.List<ColumnData> data, int from, int count) {
    Map<String, Object> min = new LinkedHashMap<>();
    Map<String, Object> max = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      ColumnData column = data.get(c);
      String name = columns.get(c).name();
      switch (column.type()) {
        case INT2, INT4, INT8, TIMESTAMP, TIMESTAMPTZ -> {
          long lo = Long.MAX_VALUE;
          long hi = Long.MIN_VALUE;
          boolean any = false;
          for (int r = from; r < from + count; r++) {
            if (!column.isNull(r)) {
              long v = integer(column.values(), r);
              lo = Math.min(lo, v);
              hi = Math.max(hi, v);
              any = true;
            }
          }
          if (any) {
            min.put(name, lo);
            max.put(name, hi);
          }
        }
        case FLOAT4, FLOAT8 -> {
          double lo = Double.POSITIVE_INFINITY;
          double hi = Double.NEGATIVE_INFINITY;
          boolean any = false;
          boolean nan = false;
          for (int r = from; r < from + count; r++) {
            if (!column.isNull(r)) {
              double v =
                  column.values() instanceof float[] f ? f[r] : ((double[]) column.values())[r];
              if (Double.isNaN(v)) {
                nan = true;
              } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                any = true;
              }
            }
          }
          if (any || nan) {
            min.put(name, any ? json(lo) : "NaN");
            max.put(name, nan ? "NaN" : json(hi));
          }
        }
        default -> {}
      }
    }
    return new ChunkStats(from, count, min, max);
  }

  private static long integer(Object values, int row) {
    return switch (values) {
      case short[] a -> a[row];
      case int[] a -> a[row];
      case long[] a -> a[row];
      default -> throw new IllegalStateException();
    };
  }

  private static Object json(double v) {
    if (Double.isFinite(v)) {
      return v;
    }
    return v > 0 ? "Infinity" : "-Infinity";
  }
}
