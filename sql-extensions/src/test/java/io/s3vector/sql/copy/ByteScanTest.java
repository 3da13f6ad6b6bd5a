package io.s3vector.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ByteScan agrees with a byte loop, at every offset and with bytes above 0x7f around. */
class ByteScanTest {
  @Test
  void agreesWithAByteLoop() {
    SplittableRandom random = new SplittableRandom(3);
    byte[] alphabet = {'\n', '\t', '\\', 'a', '0', (byte) 0x80, (byte) 0xff, (byte) (0x0a ^ 0x80), 0};
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(0, 40)];
      for (int j = 0; j < b.length; j++) {
        b[j] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
      }
      int from = random.nextInt(0, b.length + 1);
      int to = random.nextInt(from, b.length + 1);
      byte a = alphabet[random.nextInt(alphabet.length)];
      byte c = alphabet[random.nextInt(alphabet.length)];
      int one = to;
      int either = to;
      for (int p = to - 1; p >= from; p--) {
        if (b[p] == a) {
          one = p;
        }
        if (b[p] == a || b[p] == c) {
          either = p;
        }
      }
      assertEquals(one, ByteScan.indexOf(b, from, to, a));
      assertEquals(either, ByteScan.indexOfEither(b, from, to, a, c));
    }
  }
}
