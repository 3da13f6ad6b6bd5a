package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3vector.sql.types.VectorText;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Vector input's fast float path agrees with Float.parseFloat bit for bit. */
class FastFloatTest {

  @Test
  void agreesWithJavaOnRandomAndEdgeInputs() {
    Random random = new Random(11);
    StringBuilder lit = new StringBuilder("[");
    float[] expected = new float[15000];
    for (int i = 0; i < expected.length; i++) {
      String token = switch (i % 5) {
        case 0 -> Float.toString(random.nextFloat());
        case 1 -> Double.toString(random.nextGaussian() * 1000);
        case 2 -> String.format("%.9e", random.nextGaussian());
        case 3 -> Integer.toString(random.nextInt(2000) - 1000);
        default -> "0." + Long.toString(Math.abs(random.nextLong()) % 1_000_000_000_000L);
      };
      expected[i] = Float.parseFloat(token);
      lit.append(i > 0 ? "," : "").append(token);
    }
    assertArrayEquals(expected, VectorText.parse(lit.append(']').toString()));
    assertEquals("[1.5e-38,-0,0.33333334,1.6777216e+07,1.677722e+07,3e+38]",
        VectorText.format(VectorText.parse("[1.5e-38,-0.0,0.333333343267,16777217,16777219,3e38]")));
  }
}
