package io.s3vector.storage.index.ivf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.index.IndexArrays;
import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.ScalarQuantizer;
import io.s3vector.storage.zarr.ArrayMeta;
import io.s3vector.storage.zarr.Lz4Codec;
import io.s3vector.storage.zarr.ZarrDtype;
import io.s3vector.storage.zarr.ZarrGroup;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The persisted form of one segment's IVF index, a Zarr v2 group beside the segment's columns:
 *
 * <pre>
 * ivf_&lt;index&gt;/.zgroup .zattrs   metric, dimension, lists, rows, the quantizer's min and step
 * ivf_&lt;index&gt;/centroids/        float32 [lists, dimension], one LZ4 chunk
 * ivf_&lt;index&gt;/offsets/          int64 [lists + 1], one LZ4 chunk: where each cluster starts
 * ivf_&lt;index&gt;/list_rows/        int32 [rows], uncompressed, one chunk: the segment row at each position
 * ivf_&lt;index&gt;/list_codes/       int8 [rows, dimension], uncompressed: the int8 code at each position
 * </pre>
 *
 * The head (attributes, centroids, offsets) is three small objects read in one round; a cluster
 * is then one byte range of {@code list_rows} and one of {@code list_codes} (two when it spans a
 * code chunk), which is why those two arrays carry no compressor.
 */
public final class IvfSegmentIndex {

  public static final String ATTRIBUTE = "s3vector_ivf";
  public static final int FORMAT = 1;
  static final String CENTROIDS = "centroids";
  static final String OFFSETS = "offsets";
  static final String LIST_ROWS = "list_rows";
  static final String LIST_CODES = "list_codes";

  private IvfSegmentIndex() {}

  /** Writes the index under {@code groupPrefix} (ending in '/'); objects in parallel. */
  public static void write(ObjectStore store, String groupPrefix, IvfIndex ivf, String index,
      String column) {
    IvfHead head = ivf.head();
    int rows = ivf.listRows().length;
    int dim = head.dimension();
    ObjectNode attrs = JsonNodeFactory.instance.objectNode();
    ObjectNode our = attrs.putObject(ATTRIBUTE);
    our.put("format", FORMAT).put("index", index).put("column", column)
        .put("metric", head.metric().name()).put("dimension", dim).put("lists", head.lists())
        .put("rows", rows).put("code_chunk_rows", head.codeChunkRows());
    ArrayNode min = our.putArray("quantizer_min");
    ArrayNode step = our.putArray("quantizer_step");
    for (float x : head.quantizer().min()) {
      min.add(x);
    }
    for (float x : head.quantizer().step()) {
      step.add(x);
    }
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      writes.add(writers.submit(() -> store.put(groupPrefix + ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson())));
      writes.add(writers.submit(() -> store.put(groupPrefix + ZarrGroup.ATTRS_FILE, ZarrGroup.attrsJson(attrs))));
      IndexArrays.writeArray(store, writers, writes, groupPrefix + CENTROIDS + "/",
          new ArrayMeta(head.lists(), dim, head.lists(), ZarrDtype.FLOAT32, true), head.centroids());
      IndexArrays.writeArray(store, writers, writes, groupPrefix + OFFSETS + "/",
          new ArrayMeta(head.lists() + 1, 0, head.lists() + 1, ZarrDtype.INT64, true), head.offsets());
      if (rows > 0) {
        IndexArrays.writeArray(store, writers, writes, groupPrefix + LIST_ROWS + "/",
            new ArrayMeta(rows, 0, rows, ZarrDtype.INT32, false), ivf.listRows());
        IndexArrays.writeArray(store, writers, writes, groupPrefix + LIST_CODES + "/",
            new ArrayMeta(rows, dim, head.codeChunkRows(), ZarrDtype.INT8, false), ivf.codes());
      }
      IndexArrays.awaitAll(writes, "IVF index");
    }
  }

  /**
   * The three reads of a head (attributes, centroids, offsets), for one {@link
   * TieredReader#readAll} round; {@link #head} assembles their values.
   */
  public static List<TieredReader.Load<Object>> headLoads(String groupPrefix) {
    String attrs = groupPrefix + ZarrGroup.ATTRS_FILE;
    String centroids = groupPrefix + CENTROIDS + "/0.0";
    String offsets = groupPrefix + OFFSETS + "/0";
    return List.of(
        new TieredReader.Load<>(null, ObjectRange.whole(attrs), bytes -> bytes),
        new TieredReader.Load<>(null, ObjectRange.whole(centroids), Lz4Codec::decompress),
        new TieredReader.Load<>(null, ObjectRange.whole(offsets), Lz4Codec::decompress));
  }

  /** The head from the values of {@link #headLoads} (raw attributes, then decompressed bytes). */
  public static IvfHead head(String groupPrefix, Object attrsJson, Object centroids, Object offsets) {
    JsonNode a = ZarrGroup.parseAttrs((byte[]) attrsJson).path(ATTRIBUTE);
    if (a.path("format").asInt() != FORMAT) {
      throw new StorageException("unsupported IVF index format " + a.path("format") + " in \""
          + groupPrefix + "\"");
    }
    int dim = a.path("dimension").asInt();
    int lists = a.path("lists").asInt();
    float[] min = new float[dim];
    float[] step = new float[dim];
    for (int d = 0; d < dim; d++) {
      min[d] = (float) a.path("quantizer_min").path(d).asDouble();
      step[d] = (float) a.path("quantizer_step").path(d).asDouble();
    }
    ByteBuffer c = ByteBuffer.wrap((byte[]) centroids).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer o = ByteBuffer.wrap((byte[]) offsets).order(ByteOrder.LITTLE_ENDIAN);
    if (c.remaining() != lists * dim * Float.BYTES || o.remaining() != (lists + 1) * Long.BYTES) {
      throw new StorageException("IVF index \"" + groupPrefix + "\" is corrupt");
    }
    float[] centroidValues = new float[lists * dim];
    c.asFloatBuffer().get(centroidValues);
    long[] offsetValues = new long[lists + 1];
    o.asLongBuffer().get(offsetValues);
    if (offsetValues[lists] != a.path("rows").asLong()) {
      throw new StorageException("IVF index \"" + groupPrefix + "\" is corrupt");
    }
    return new IvfHead(DistanceMetric.valueOf(a.path("metric").asText()), dim, lists,
        centroidValues, offsetValues, new ScalarQuantizer(min, step),
        a.path("code_chunk_rows").asInt());
  }

  /** The byte range of cluster {@code list}'s rows in {@code list_rows}: int32 little-endian. */
  public static ObjectRange rowsRange(String groupPrefix, IvfHead head, int list) {
    return ObjectRange.range(groupPrefix + LIST_ROWS + "/0", head.offsets()[list] * Integer.BYTES,
        head.size(list) * Integer.BYTES);
  }

  /** The byte ranges of cluster {@code list}'s codes, in order (two when it spans a chunk). */
  public static List<ObjectRange> codeRanges(String groupPrefix, IvfHead head, int list) {
    List<ObjectRange> out = new ArrayList<>(2);
    long from = head.offsets()[list];
    long to = head.offsets()[list + 1];
    int chunkRows = head.codeChunkRows();
    int dim = head.dimension();
    while (from < to) {
      int chunk = (int) (from / chunkRows);
      long end = Math.min(to, (long) (chunk + 1) * chunkRows);
      out.add(ObjectRange.range(groupPrefix + LIST_CODES + "/" + chunk + ".0",
          (from - (long) chunk * chunkRows) * dim, (int) ((end - from) * dim)));
      from = end;
    }
    return out;
  }

  /**
   * The int8 codes of every listed row in row order ({@code rows * dimension} bytes; rows not
   * listed stay zero), read whole from {@code list_rows} and {@code list_codes}: what a graph
   * loaded to walk on codes needs, a quarter of the bytes of the float vectors and no decoding.
   */
  public static byte[] codesByRow(ObjectStore store, String groupPrefix, IvfHead head, int rows) {
    int listed = (int) head.rows();
    int dim = head.dimension();
    byte[] byRow = new byte[Math.multiplyExact(rows, dim)];
    if (listed == 0) {
      return byRow;
    }
    int[] listRows = rows(store.get(groupPrefix + LIST_ROWS + "/0").orElseThrow(
        () -> new StorageException("IVF index \"" + groupPrefix + "\" has no list_rows")));
    int chunkRows = head.codeChunkRows();
    for (int chunk = 0; (long) chunk * chunkRows < listed; chunk++) {
      String key = groupPrefix + LIST_CODES + "/" + chunk + ".0";
      byte[] codes = store.get(key).orElseThrow(
          () -> new StorageException("IVF index chunk \"" + key + "\" is missing"));
      int first = chunk * chunkRows;
      int count = Math.min(chunkRows, listed - first);
      for (int p = 0; p < count; p++) {
        System.arraycopy(codes, p * dim, byRow, listRows[first + p] * dim, dim);
      }
    }
    return byRow;
  }

  /** The int32 little-endian values of a {@link #rowsRange} read. */
  public static int[] rows(byte[] bytes) {
    int[] out = new int[bytes.length / Integer.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }
}
