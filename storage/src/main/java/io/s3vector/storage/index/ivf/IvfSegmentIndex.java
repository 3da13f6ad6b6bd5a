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
import io.s3vector.storage.vector.SixBitCodes;
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
 * ivf_&lt;index&gt;/.zgroup .zattrs   metric, dimension, lists, rows, both quantizers' min and step
 * ivf_&lt;index&gt;/centroids/        float32 [lists, dimension], one LZ4 chunk
 * ivf_&lt;index&gt;/offsets/          int64 [lists + 1], one LZ4 chunk: where each cluster starts
 * ivf_&lt;index&gt;/list_rows/        int32 [rows], uncompressed, one chunk: the segment row at each position
 * ivf_&lt;index&gt;/list_codes/       int8 [rows, ⌈dim/2⌉ + ⌈dim/4⌉], uncompressed: the 6-bit code
 *                                 of each position's residual from its centroid ({@link SixBitCodes})
 * </pre>
 *
 * The head (attributes, centroids, offsets) is three small objects read in one round; a cluster
 * is then one byte range of {@code list_rows} and one of {@code list_codes} (two when it spans a
 * code chunk), which is why those two arrays carry no compressor.
 *
 * <p>Format 1 (still read) stored an int8 code of each vector itself, {@code [rows, dimension]}:
 * a third more bytes than 6-bit residuals, and at 1M × 128 more than half of the index's size.
 */
public final class IvfSegmentIndex {

  public static final String ATTRIBUTE = "s3vector_ivf";
  public static final int FORMAT = 2;
  /** Lists of int8 codes of the vectors themselves (no residual quantizer). */
  static final int FORMAT_INT8 = 1;
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
    putQuantizer(our, "quantizer", head.quantizer());
    our.put("code_bits", SixBitCodes.BITS);
    putQuantizer(our, "residual", head.residual());
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
            new ArrayMeta(rows, head.codeBytes(), head.codeChunkRows(), ZarrDtype.INT8, false),
            ivf.codes());
      }
      IndexArrays.awaitAll(writes, "IVF index");
    }
  }

  /** A quantizer's {@code <name>_min} and {@code <name>_step} arrays in the attributes. */
  static void putQuantizer(ObjectNode attributes, String name, ScalarQuantizer quantizer) {
    ArrayNode min = attributes.putArray(name + "_min");
    for (float x : quantizer.min()) {
      min.add(x);
    }
    ArrayNode step = attributes.putArray(name + "_step");
    for (float x : quantizer.step()) {
      step.add(x);
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
    int format = a.path("format").asInt();
    if (format != FORMAT && format != FORMAT_INT8) {
      throw new StorageException("unsupported IVF index format " + a.path("format") + " in \""
          + groupPrefix + "\"");
    }
    int dim = a.path("dimension").asInt();
    int lists = a.path("lists").asInt();
    ScalarQuantizer quantizer = new ScalarQuantizer(floats(a.path("quantizer_min"), dim),
        floats(a.path("quantizer_step"), dim));
    if (format == FORMAT && a.path("code_bits").asInt() != SixBitCodes.BITS) {
      throw new StorageException("unsupported IVF code width " + a.path("code_bits") + " in \""
          + groupPrefix + "\"");
    }
    ScalarQuantizer residual = format == FORMAT_INT8 ? null
        : new ScalarQuantizer(floats(a.path("residual_min"), dim),
            floats(a.path("residual_step"), dim), SixBitCodes.LEVELS);
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
        centroidValues, offsetValues, quantizer, residual, a.path("code_chunk_rows").asInt());
  }

  private static float[] floats(JsonNode array, int length) {
    float[] out = new float[length];
    for (int d = 0; d < length; d++) {
      out[d] = (float) array.path(d).asDouble();
    }
    return out;
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
    int bytes = head.codeBytes();
    while (from < to) {
      int chunk = (int) (from / chunkRows);
      long end = Math.min(to, (long) (chunk + 1) * chunkRows);
      out.add(ObjectRange.range(groupPrefix + LIST_CODES + "/" + chunk + ".0",
          (from - (long) chunk * chunkRows) * bytes, (int) ((end - from) * bytes)));
      from = end;
    }
    return out;
  }

  /**
   * The int8 codes ({@link IvfHead#quantizer}) of every listed row in row order ({@code rows *
   * dimension} bytes; rows not listed stay zero), made from {@code list_rows} and {@code
   * list_codes} read whole: what a graph loaded to walk on codes needs, without reading a float
   * vector. Format 2's residual codes are decoded (centroid plus residual) and encoded in int8;
   * format 1's are copied as they are.
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
    int bytes = head.codeBytes();
    Recoder recoder = new Recoder(head);
    for (int chunk = 0; (long) chunk * chunkRows < listed; chunk++) {
      String key = groupPrefix + LIST_CODES + "/" + chunk + ".0";
      byte[] codes = store.get(key).orElseThrow(
          () -> new StorageException("IVF index chunk \"" + key + "\" is missing"));
      int first = chunk * chunkRows;
      int count = Math.min(chunkRows, listed - first);
      for (int p = 0; p < count; p++) {
        recoder.recode(first + p, codes, p * bytes, byRow, listRows[first + p] * dim);
      }
    }
    return byRow;
  }

  /** A listed row's stored code as an int8 code of the vector ({@link #codesByRow}). */
  private static final class Recoder {
    private final IvfHead head;
    private final int dim;
    private final byte[] levels;
    private final float[] vector;
    private int list;

    Recoder(IvfHead head) {
      this.head = head;
      this.dim = head.dimension();
      this.levels = new byte[dim];
      this.vector = new float[dim];
    }

    /** Position {@code position}'s code at {@code codes[at]} into {@code out[to, to + dim)}. */
    void recode(int position, byte[] codes, int at, byte[] out, int to) {
      if (head.residual() == null) {
        System.arraycopy(codes, at, out, to, dim);
        return;
      }
      while (head.offsets()[list + 1] <= position) {
        list++; // positions come in order, so the cluster only moves forward
      }
      SixBitCodes.unpack(codes, at, dim, levels);
      head.residual().decode(levels, 0, vector, 0);
      float[] centroids = head.centroids();
      for (int d = 0; d < dim; d++) {
        vector[d] += centroids[list * dim + d];
      }
      head.quantizer().encode(vector, 0, out, to);
    }
  }

  /** The int32 little-endian values of a {@link #rowsRange} read. */
  public static int[] rows(byte[] bytes) {
    int[] out = new int[bytes.length / Integer.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
    return out;
  }
}
