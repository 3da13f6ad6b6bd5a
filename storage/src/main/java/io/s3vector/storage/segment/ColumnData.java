package io.s3vector.storage.segment;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.zarr.ZarrDtype;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one column over a run of rows in primitive form: a whole segment being written, or
 * one decoded chunk (then the arrays may be longer than {@link #rows()}, padded as the chunk is).
 * Values are {@code boolean[] short[] int[] long[] float[] double[] String[]}; timestamps are
 * {@code long[]} microseconds since 1970 UTC; vectors one flat row-major {@code float[]}. NULLs are
 * marked in {@link #nulls()} (null when the run has none) and hold zero / the empty string.
 */
public final class ColumnData {

  private final ColumnType type;
  private final int dimension;
  private final int rows;
  private final Object values;
  private final boolean[] nulls;

  public ColumnData(ColumnType type, int dimension, int rows, Object values, boolean[] nulls) {
    this.type = type;
    this.dimension = dimension;
    this.rows = rows;
    this.values = values;
    this.nulls = nulls;
  }

  public ColumnType type() {
    return type;
  }

  /** The vector dimension (the array width) for vectors, else 0. */
  public int dimension() {
    return dimension;
  }

  public int rows() {
    return rows;
  }

  /** The primitive array of values (see the class comment). */
  public Object values() {
    return values;
  }

  /** True at NULL rows, or null when no row is NULL. */
  public boolean[] nulls() {
    return nulls;
  }

  public boolean isNull(int row) {
    return nulls != null && nulls[row];
  }

  public int nullCount() {
    if (nulls == null) {
      return 0;
    }
    int count = 0;
    for (int i = 0; i < rows; i++) {
      if (nulls[i]) {
        count++;
      }
    }
    return count;
  }

  public float[] vectors() {
    return (float[]) values;
  }

  /** The value at {@code row} as its Java class ({@link ColumnType}), or null. */
  public Object value(int row) {
    if (isNull(row)) {
      return null;
    }
    return switch (type) {
      case BOOL -> ((boolean[]) values)[row];
      case INT2 -> ((short[]) values)[row];
      case INT4 -> ((int[]) values)[row];
      case INT8 -> ((long[]) values)[row];
      case FLOAT4 -> ((float[]) values)[row];
      case FLOAT8 -> ((double[]) values)[row];
      case TEXT -> ((String[]) values)[row];
      case NUMERIC -> new java.math.BigDecimal(((String[]) values)[row]);
      case BYTEA -> java.util.HexFormat.of().parseHex(((String[]) values)[row]);
      case TIMESTAMP -> localDateTime(((long[]) values)[row]);
      case TIMESTAMPTZ -> instant(((long[]) values)[row]);
      case DATE -> java.time.LocalDate.ofEpochDay(((long[]) values)[row]);
      case VECTOR ->
          Arrays.copyOfRange((float[]) values, row * dimension, (row + 1) * dimension);
    };
  }

  /** Approximate heap size, for the chunk cache's weight. */
  public long byteSize() {
    return 64 + (nulls == null ? 0 : nulls.length) + arrayBytes(values);
  }

  /** The approximate heap size of a decoded values array (0 for anything else). */
  public static long arrayBytes(Object values) {
    return switch (values) {
      case boolean[] a -> a.length;
      case byte[] a -> a.length;
      case short[] a -> 2L * a.length;
      case int[] a -> 4L * a.length;
      case long[] a -> 8L * a.length;
      case float[] a -> 4L * a.length;
      case double[] a -> 8L * a.length;
      case String[] a -> {
        long strings = 16L * a.length;
        for (String s : a) {
          strings += s == null ? 0 : 40 + s.length();
        }
        yield strings;
      }
      default -> 0L;
    };
  }

  /** The Zarr dtype a column of this type is stored as. */
  public static ZarrDtype dtype(ColumnType type) {
    return switch (type) {
      case BOOL -> ZarrDtype.BOOL;
      case INT2 -> ZarrDtype.INT16;
      case INT4 -> ZarrDtype.INT32;
      case INT8 -> ZarrDtype.INT64;
      case FLOAT4, VECTOR -> ZarrDtype.FLOAT32;
      case FLOAT8 -> ZarrDtype.FLOAT64;
      case TEXT, NUMERIC, BYTEA -> ZarrDtype.UTF8;
      case TIMESTAMP, TIMESTAMPTZ -> ZarrDtype.DATETIME_US;
      case DATE -> ZarrDtype.DATETIME_D;
    };
  }

  /**
   * Column {@code column} of {@code rows} in primitive form. Vectors must all have {@code
   * dimension} elements.
   */
  public static ColumnData fromRows(
      String name, ColumnType type, int dimension, List<Object[]> rows, int column) {
    int n = rows.size();
    boolean[] nulls = null;
    Object values = allocate(type, type == ColumnType.VECTOR ? n * dimension : n);
    for (int r = 0; r < n; r++) {
      Object value = rows.get(r)[column];
      if (value == null) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[r] = true;
        if (type.storedAsText()) {
          ((String[]) values)[r] = "";
        }
        continue;
      }
      try {
        switch (type) {
          case BOOL -> ((boolean[]) values)[r] = (Boolean) value;
          case INT2 -> ((short[]) values)[r] = ((Number) value).shortValue();
          case INT4 -> ((int[]) values)[r] = ((Number) value).intValue();
          case INT8 -> ((long[]) values)[r] = ((Number) value).longValue();
          case FLOAT4 -> ((float[]) values)[r] = ((Number) value).floatValue();
          case FLOAT8 -> ((double[]) values)[r] = ((Number) value).doubleValue();
          case TEXT -> ((String[]) values)[r] = (String) value;
          case NUMERIC -> ((String[]) values)[r] = ((java.math.BigDecimal) value).toPlainString();
          case BYTEA -> ((String[]) values)[r] = java.util.HexFormat.of().formatHex((byte[]) value);
          case TIMESTAMP -> ((long[]) values)[r] = micros((LocalDateTime) value);
          case DATE -> ((long[]) values)[r] = ((java.time.LocalDate) value).toEpochDay();
          case TIMESTAMPTZ -> ((long[]) values)[r] = micros(
              value instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) value);
          case VECTOR -> {
            float[] vector = (float[]) value;
            if (vector.length != dimension) {
              throw new StorageException(
                  "expected " + dimension + " dimensions, not " + vector.length);
            }
            System.arraycopy(vector, 0, values, r * dimension, dimension);
          }
        }
      } catch (ClassCastException e) {
        throw new StorageException(
            "column \"" + name + "\" of type " + type + " cannot store a "
                + value.getClass().getSimpleName(), e);
      }
    }
    return new ColumnData(type, dimension, n, values, nulls);
  }

  /**
   * The parts one after another, each contributing its first {@link #rows()} rows. Vector parts
   * that are all NULL may have any width; the others must share one dimension.
   */
  public static ColumnData concat(ColumnType type, List<ColumnData> parts) {
    int total = 0;
    int dimension = 0;
    boolean anyNull = false;
    for (ColumnData part : parts) {
      total += part.rows;
      anyNull |= part.nulls != null;
      if (type == ColumnType.VECTOR && part.nullCount() < part.rows) {
        if (dimension != 0 && dimension != part.dimension) {
          throw new StorageException("cannot merge vectors of " + dimension + " and "
              + part.dimension + " dimensions");
        }
        dimension = part.dimension;
      }
    }
    if (type == ColumnType.VECTOR && dimension == 0) {
      dimension = parts.isEmpty() ? 1 : parts.get(0).dimension;
    }
    int perRow = type == ColumnType.VECTOR ? dimension : 1;
    Object values = allocate(type, total * perRow);
    boolean[] nulls = anyNull ? new boolean[total] : null;
    int at = 0;
    for (ColumnData part : parts) {
      boolean allNull = part.nulls != null && part.nullCount() == part.rows;
      if (!(type == ColumnType.VECTOR && allNull)) {
        System.arraycopy(part.values, 0, values, at * perRow, part.rows * perRow);
      }
      if (part.nulls != null) {
        System.arraycopy(part.nulls, 0, nulls, at, part.rows);
      }
      at += part.rows;
    }
    if (type.storedAsText()) {
      String[] strings = (String[]) values;
      for (int i = 0; i < total; i++) {
        if (strings[i] == null) {
          strings[i] = "";
        }
      }
    }
    return new ColumnData(type, dimension, total, values, nulls);
  }

  /**
   * The rows at these positions (ascending), in that order: a merge that drops deleted rows.
   * Consecutive positions are copied as one range.
   */
  public ColumnData rowsAt(int[] positions) {
    int perRow = type == ColumnType.VECTOR ? dimension : 1;
    Object out = allocate(type, positions.length * perRow);
    boolean[] outNulls = nulls == null ? null : new boolean[positions.length];
    for (int i = 0; i < positions.length; ) {
      int run = 1;
      while (i + run < positions.length && positions[i + run] == positions[i] + run) {
        run++;
      }
      System.arraycopy(values, positions[i] * perRow, out, i * perRow, run * perRow);
      if (nulls != null) {
        System.arraycopy(nulls, positions[i], outNulls, i, run);
      }
      i += run;
    }
    return new ColumnData(type, dimension, positions.length, out, outNulls);
  }

  /** A column with no stored values (e.g. added after the segment was written): all NULL. */
  public static ColumnData allNull(ColumnType type, int dimension, int rows) {
    int width = type == ColumnType.VECTOR ? Math.max(1, dimension) : 1;
    boolean[] nulls = new boolean[rows];
    Arrays.fill(nulls, true);
    Object values = allocate(type, rows * width);
    if (type.storedAsText()) {
      Arrays.fill((String[]) values, "");
    }
    return new ColumnData(type, width, rows, values, nulls);
  }

  /**
   * The column of rows written before it was added by ALTER TABLE: its missing value ({@link
   * ColumnSpec#missingValue}) in every row, or all NULL.
   */
  public static ColumnData missing(io.s3vector.storage.table.ColumnSpec spec, int rows) {
    Object value = spec.missingValue();
    if (value == null) {
      return allNull(spec.type(), spec.dimension(), rows);
    }
    List<Object[]> same = java.util.Collections.nCopies(rows, new Object[] {value});
    int dimension = value instanceof float[] v ? v.length : spec.dimension();
    return fromRows(spec.name(), spec.type(), dimension, same, 0);
  }

  static Object allocate(ColumnType type, int length) {
    return switch (type) {
      case BOOL -> new boolean[length];
      case INT2 -> new short[length];
      case INT4 -> new int[length];
      case INT8, TIMESTAMP, TIMESTAMPTZ, DATE -> new long[length];
      case FLOAT4, VECTOR -> new float[length];
      case FLOAT8 -> new double[length];
      case TEXT, NUMERIC, BYTEA -> new String[length];
    };
  }

  static long micros(LocalDateTime value) {
    return micros(value.toInstant(ZoneOffset.UTC));
  }

  static long micros(Instant value) {
    return Math.addExact(
        Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  static LocalDateTime localDateTime(long micros) {
    return LocalDateTime.ofInstant(instant(micros), ZoneOffset.UTC);
  }
}
