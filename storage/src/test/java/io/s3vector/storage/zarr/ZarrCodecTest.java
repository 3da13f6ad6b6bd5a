package io.s3vector.storage.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZarrCodecTest {

  @Test
  void lz4FramesLikeNumcodecs() {
    byte[] data = "hello hello hello hello".getBytes(StandardCharsets.UTF_8);
    byte[] encoded = Lz4Codec.compress(data, data.length);
    assertEquals(data.length, Lz4Codec.readIntLE(encoded, 0), "4-byte little-endian length header");
    assertArrayEquals(data, Lz4Codec.decompress(encoded));
  }

  @Test
  void vlenUtf8PadsWithEmptyStrings() {
    String[] values = {"a", null, "żółw", ""};
    byte[] encoded = VlenUtf8.encode(values, 0, 4, 6);
    assertEquals(6, Lz4Codec.readIntLE(encoded, 0));
    assertArrayEquals(new String[] {"a", "", "żółw", "", "", ""}, VlenUtf8.decode(encoded));
  }

  @Test
  void numericChunksRoundTripWithPadding() {
    ArrayMeta meta = ArrayMeta.oneDimensional(10, 4, ZarrDtype.INT64);
    long[] values = {1, -2, Long.MAX_VALUE, Long.MIN_VALUE, 5, 6, 7, 8, 9, 10};
    assertEquals(3, meta.chunkCount());
    long[] last = (long[]) ChunkCodec.decode(meta, ChunkCodec.encode(meta, values, 8, 2));
    assertArrayEquals(new long[] {9, 10, 0, 0}, last);
    long[] first = (long[]) ChunkCodec.decode(meta, ChunkCodec.encode(meta, values, 0, 4));
    assertArrayEquals(Arrays.copyOf(values, 4), first);
  }

  @Test
  void everyDtypeRoundTrips() {
    Random random = new Random(1);
    short[] shorts = {1, -1, Short.MAX_VALUE};
    int[] ints = {random.nextInt(), -7, 0};
    double[] doubles = {Math.PI, Double.NaN, -0.0};
    boolean[] bools = {true, false, true};
    String[] strings = {"x", "yy", "zzz"};
    assertArrayEquals(shorts, (short[]) roundTrip(ZarrDtype.INT16, shorts));
    assertArrayEquals(ints, (int[]) roundTrip(ZarrDtype.INT32, ints));
    assertArrayEquals(doubles, (double[]) roundTrip(ZarrDtype.FLOAT64, doubles));
    assertArrayEquals(bools, (boolean[]) roundTrip(ZarrDtype.BOOL, bools));
    assertArrayEquals(strings, (String[]) roundTrip(ZarrDtype.UTF8, strings));
  }

  private static Object roundTrip(ZarrDtype dtype, Object values) {
    ArrayMeta meta = ArrayMeta.oneDimensional(3, 3, dtype);
    return ChunkCodec.decode(meta, ChunkCodec.encode(meta, values, 0, 3));
  }

  @Test
  void vectorChunksAreTwoDimensional() {
    ArrayMeta meta = ArrayMeta.twoDimensional(5, 3, 2, ZarrDtype.FLOAT32);
    float[] vectors = new float[15];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = i * 0.5f;
    }
    assertEquals("2.0", meta.chunkKey(2));
    float[] chunk = (float[]) ChunkCodec.decode(meta, ChunkCodec.encode(meta, vectors, 2, 2));
    assertArrayEquals(Arrays.copyOfRange(vectors, 6, 12), chunk);
    float[] last = (float[]) ChunkCodec.decode(meta, ChunkCodec.encode(meta, vectors, 4, 1));
    assertArrayEquals(new float[] {6f, 6.5f, 7f, 0, 0, 0}, last);
  }

  @Test
  void zarrayJsonRoundTrips() {
    ArrayMeta meta = ArrayMeta.twoDimensional(1000, 128, 256, ZarrDtype.FLOAT32);
    String json = new String(meta.toJson(), StandardCharsets.UTF_8);
    assertTrue(json.contains("\"dimension_separator\" : \".\""), json);
    assertTrue(json.contains("\"id\" : \"lz4\""), json);
    assertEquals(meta, ArrayMeta.parse(meta.toJson()));
    ArrayMeta text = ArrayMeta.oneDimensional(3, 3, ZarrDtype.UTF8);
    assertTrue(new String(text.toJson(), StandardCharsets.UTF_8).contains("vlen-utf8"));
    assertEquals(text, ArrayMeta.parse(text.toJson()));
  }
}
