package io.s3vector.storage.segment;

import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableSchema;
import java.util.List;

/**
 * What a segment's {@code .zattrs} holds (under the key "s3vector"): enough to read the segment
 * without listing it and to skip chunks by their statistics. Written once with the segment.
 *
 * @param format the attribute format version
 * @param rowCount rows in the segment
 * @param rowsPerChunk rows per chunk, the same for every array of the segment
 * @param schema the table schema when the segment was written
 * @param columns the stored columns, in schema order
 * @param chunks per-chunk statistics, in row order
 * @param vectorBounds per vector column with non-NULL rows, the centroid and radius of its
 *     vectors (absent in segments written before they existed: never skipped then)
 */
public record SegmentMeta(
    int format,
    long rowCount,
    int rowsPerChunk,
    TableSchema schema,
    List<Column> columns,
    List<ChunkStats> chunks,
    java.util.Map<String, VectorBounds> vectorBounds) {

  public SegmentMeta {
    vectorBounds = vectorBounds == null ? java.util.Map.of() : java.util.Map.copyOf(vectorBounds);
  }

  public SegmentMeta(int format, long rowCount, int rowsPerChunk, TableSchema schema,
      List<Column> columns, List<ChunkStats> chunks) {
    this(format, rowCount, rowsPerChunk, schema, columns, chunks, java.util.Map.of());
  }

  public static final int FORMAT = 1;

  /** The key of our attributes inside {@code .zattrs}. */
  public static final String ATTRIBUTE = "s3vector";

  /**
   * One column's arrays in the segment.
   *
   * @param name the column name
   * @param type the physical type
   * @param dimension the vector width of the array (vectors only, else 0)
   * @param nullCount NULL rows; the {@code nullArray} exists only when this is positive
   * @param array the name of the values array in the group
   * @param nullArray the name of the {@code |b1} NULL marker array, or null
   * @param uncompressed whether the values array is stored without a compressor (a vector column
   *     whose chunks LZ4 would not shrink by a tenth): then one row is a byte range of its chunk,
   *     read without the rest ({@link VectorRows}); absent (false) in older segments
   */
  public record Column(
      String name, ColumnType type, int dimension, long nullCount, String array,
      String nullArray, boolean uncompressed) {

    public Column(String name, ColumnType type, int dimension, long nullCount, String array,
        String nullArray) {
      this(name, type, dimension, nullCount, array, nullArray, false);
    }
  }

  /** The {@code .zarray} shape of a column's values array (its chunks and compressor). */
  public io.s3vector.storage.zarr.ArrayMeta arrayMeta(Column column) {
    io.s3vector.storage.zarr.ZarrDtype dtype = ColumnData.dtype(column.type());
    return new io.s3vector.storage.zarr.ArrayMeta(rowCount,
        column.type() == ColumnType.VECTOR ? column.dimension() : 0, rowsPerChunk, dtype,
        !column.uncompressed());
  }

  public int chunkCount() {
    return chunks.size();
  }

  /**
   * The segment's array of this column, or null when the segment predates it: when it was
   * written before the column was added, including a column added again after a DROP COLUMN of
   * the same name, whose old values the segment still holds ({@link ColumnSpec#addedAs}).
   */
  public Column column(io.s3vector.storage.table.ColumnSpec spec) {
    Column column = column(spec.name());
    if (column == null || spec.addedAs() == null || schema == null) {
      return column;
    }
    int at = schema.indexOf(spec.name());
    return at >= 0 && spec.addedAs().equals(schema.columns().get(at).addedAs()) ? column : null;
  }

  /** The column of this name, or null when the segment predates it. */
  public Column column(String name) {
    for (Column column : columns) {
      if (column.name().equals(name)) {
        return column;
      }
    }
    return null;
  }
}
