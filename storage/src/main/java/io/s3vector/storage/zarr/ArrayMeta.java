package io.s3vector.storage.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3vector.storage.StorageException;
import java.io.IOException;
import java.util.Arrays;

/**
 * The {@code .zarray} metadata of one array: a 1-D array {@code [rows]} or a 2-D array
 * {@code [rows, width]} chunked along rows only ({@code chunks [chunkRows, width]}), C order,
 * dimension separator ".", the fill value NumPy expects for the dtype, and LZ4 or no compression.
 *
 * @param rows the length of the first axis
 * @param width the second axis for 2-D arrays (vector dimension), 0 for 1-D arrays
 * @param chunkRows rows per chunk
 * @param dtype the element type
 * @param lz4 whether chunks are compressed with numcodecs LZ4
 */
public record ArrayMeta(long rows, int width, int chunkRows, ZarrDtype dtype, boolean lz4) {

  public static final String FILE = ".zarray";

  static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ArrayMeta {
    if (rows < 0 || width < 0 || chunkRows < 1) {
      throw new IllegalArgumentException(
          "bad array shape: rows " + rows + ", width " + width + ", chunk rows " + chunkRows);
    }
  }

  public static ArrayMeta oneDimensional(long rows, int chunkRows, ZarrDtype dtype) {
    return new ArrayMeta(rows, 0, chunkRows, dtype, true);
  }

  public static ArrayMeta twoDimensional(long rows, int width, int chunkRows, ZarrDtype dtype) {
    return new ArrayMeta(rows, width, chunkRows, dtype, true);
  }

  public boolean twoDimensional() {
    return width > 0;
  }

  public int chunkCount() {
    return (int) ((rows + chunkRows - 1) / chunkRows);
  }

  /** Elements in one (full-size) chunk. */
  public int chunkLength() {
    return twoDimensional() ? chunkRows * width : chunkRows;
  }

  /** The key of chunk {@code index} (along rows) relative to the array: "3" or "3.0". */
  public String chunkKey(int index) {
    return twoDimensional() ? index + ".0" : Integer.toString(index);
  }

  /**
   * The {@code .zarray} document. Remembered per shape: the commits of a few rows write the same
   * few documents again and again.
   */
  public byte[] toJson() {
    byte[] known = WRITTEN.get(this);
    if (known == null) {
      known = write();
      if (WRITTEN.size() >= MAX_REMEMBERED) {
        WRITTEN.clear();
      }
      WRITTEN.put(this, known);
    }
    return known.clone();
  }

  private static final int MAX_REMEMBERED = 1024;
  private static final java.util.Map<ArrayMeta, byte[]> WRITTEN =
      new java.util.concurrent.ConcurrentHashMap<>();

  private byte[] write() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    ArrayNode chunks = node.putArray("chunks").add(chunkRows);
    if (twoDimensional()) {
      chunks.add(width);
    }
    if (lz4) {
      node.putObject("compressor").put("acceleration", Lz4Codec.ACCELERATION).put("id", Lz4Codec.ID);
    } else {
      node.putNull("compressor");
    }
    node.put("dimension_separator", ".");
    node.put("dtype", dtype.numpy());
    switch (dtype) {
      case BOOL -> node.put("fill_value", false);
      case FLOAT32, FLOAT64 -> node.put("fill_value", 0.0);
      case UTF8 -> node.putNull("fill_value");
      default -> node.put("fill_value", 0);
    }
    if (dtype == ZarrDtype.UTF8) {
      node.putArray("filters").addObject().put("id", VlenUtf8.ID);
    } else {
      node.putNull("filters");
    }
    node.put("order", "C");
    ArrayNode shape = node.putArray("shape").add(rows);
    if (twoDimensional()) {
      shape.add(width);
    }
    node.put("zarr_format", 2);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new StorageException("could not write .zarray", e);
    }
  }

  public static ArrayMeta parse(byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node.path("zarr_format").asInt() != 2) {
        throw new StorageException("not a Zarr v2 array: " + node.path("zarr_format"));
      }
      if (!"C".equals(node.path("order").asText("C"))) {
        throw new StorageException("unsupported Zarr order " + node.path("order"));
      }
      JsonNode shape = node.path("shape");
      JsonNode chunks = node.path("chunks");
      int width = shape.size() > 1 ? shape.get(1).asInt() : 0;
      if (shape.size() > 2 || (shape.size() == 2 && chunks.get(1).asInt() != width)) {
        throw new StorageException("unsupported Zarr chunking " + chunks + " of shape " + shape);
      }
      JsonNode compressor = node.path("compressor");
      boolean lz4 = compressor.isObject();
      if (lz4 && !Lz4Codec.ID.equals(compressor.path("id").asText())) {
        throw new StorageException("unsupported Zarr compressor " + compressor);
      }
      return new ArrayMeta(
          shape.get(0).asLong(),
          width,
          chunks.get(0).asInt(),
          ZarrDtype.ofNumpy(node.path("dtype").asText()),
          lz4);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      throw new StorageException("corrupt .zarray: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    long[] shape = twoDimensional() ? new long[] {rows, width} : new long[] {rows};
    return dtype.numpy() + Arrays.toString(shape) + " chunks " + chunkRows;
  }
}
