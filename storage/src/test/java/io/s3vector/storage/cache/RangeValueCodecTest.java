package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeValueCodecTest {

  @Test
  void roundTripsEmptyRandomAndCompressibleValues() {
    byte[] random = new byte[10_000];
    new Random(1).nextBytes(random);
    byte[] zeros = new byte[100_000];
    for (byte[] v : new byte[][] {new byte[0], new byte[] {42}, random, zeros}) {
      assertArrayEquals(v, RangeValueCodec.decode(RangeValueCodec.encode(v), Integer.MAX_VALUE));
    }
    assertEquals(RangeValueCodec.RAW, RangeValueCodec.encode(random)[0]);
    assertEquals(random.length + 1, RangeValueCodec.encode(random).length);
    byte[] packed = RangeValueCodec.encode(zeros);
    assertEquals(RangeValueCodec.LZ4, packed[0]);
    assertTrue(packed.length < 1000, packed.length + " bytes");
  }

  @Test
  void foreignTruncatedOrOversizeValuesDecodeToNull() {
    byte[] zeros = new byte[100_000];
    byte[] packed = RangeValueCodec.encode(zeros);
    assertNull(RangeValueCodec.decode(null, 10));
    assertNull(RangeValueCodec.decode(new byte[0], 10));
    assertNull(RangeValueCodec.decode(new byte[] {7, 1, 2}, 10));
    assertNull(RangeValueCodec.decode(new byte[] {RangeValueCodec.LZ4, 1}, 10));
    assertNull(RangeValueCodec.decode(java.util.Arrays.copyOf(packed, packed.length / 2), 1 << 20));
    assertNull(RangeValueCodec.decode(packed, zeros.length - 1), "over the maximum");
    assertArrayEquals(zeros, RangeValueCodec.decode(packed, zeros.length));
  }
}
