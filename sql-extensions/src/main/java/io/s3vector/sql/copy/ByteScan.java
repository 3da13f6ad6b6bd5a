package io.s3vector.sql.copy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Finding bytes eight at a time (SWAR): COPY's records and fields are found without a byte loop. */
final class ByteScan {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGHS = 0x8080_8080_8080_8080L;

  private ByteScan() {}

  /** The first index in {@code [from, to)} holding {@code a}, else {@code to}. */
  static int indexOf(byte[] b, int from, int to, byte a) {
    long pa = ONES * (a & 0xff);
    int p = from;
    for (; p + 8 <= to; p += 8) {
      long hit = zeroBytes((long) LONG.get(b, p) ^ pa);
      if (hit != 0) {
        return p + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; p < to; p++) {
      if (b[p] == a) {
        return p;
      }
    }
    return to;
  }

  /** The first index in {@code [from, to)} holding {@code a} or {@code c}, else {@code to}. */
  static int indexOfEither(byte[] b, int from, int to, byte a, byte c) {
    long pa = ONES * (a & 0xff);
    long pc = ONES * (c & 0xff);
    int p = from;
    for (; p + 8 <= to; p += 8) {
      long word = (long) LONG.get(b, p);
      long hit = zeroBytes(word ^ pa) | zeroBytes(word ^ pc);
      if (hit != 0) {
        return p + (Long.numberOfTrailingZeros(hit) >>> 3);
      }
    }
    for (; p < to; p++) {
      if (b[p] == a || b[p] == c) {
        return p;
      }
    }
    return to;
  }

  /**
   * The high bit of each zero byte of {@code x} set, exactly (no false positives: the carry-free
   * form, so the lowest set bit marks the first zero byte).
   */
  private static long zeroBytes(long x) {
    long y = (x & ~HIGHS) + ~HIGHS; // high bit set where the low 7 bits are not all zero
    return ~(y | x | ~HIGHS);
  }
}
