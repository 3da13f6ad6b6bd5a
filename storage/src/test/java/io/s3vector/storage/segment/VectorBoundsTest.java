package io.s3vector.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.table.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ball of a segment's vectors holds every one of them, and not much more. */
class VectorBoundsTest {

  private static ColumnData column(List<float[]> vectors, int dim) {
    List<Object[]> rows = new ArrayList<>();
    for (float[] v : vectors) {
      rows.add(new Object[] {v});
    }
    return ColumnData.fromRows("v", ColumnType.VECTOR, dim, rows, 0);
  }

  @Test
  void theBallHoldsEveryVectorAndTouchesTheFarthest() {
    Random random = new Random(11);
    for (int dim : new int[] {1, 3, 4, 7, 128}) {
      List<float[]> vectors = new ArrayList<>();
      for (int r = 0; r < 300; r++) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
          v[i] = (float) (random.nextGaussian() * 10 + i);
        }
        vectors.add(r % 7 == 3 ? null : v);
      }
      VectorBounds bounds = VectorBounds.of(column(vectors, dim));
      double farthest = 0;
      for (float[] v : vectors) {
        if (v == null) {
          continue;
        }
        double squared = 0;
        for (int i = 0; i < dim; i++) {
          double d = v[i] - (double) bounds.centroid()[i];
          squared += d * d;
        }
        farthest = Math.max(farthest, Math.sqrt(squared));
        assertTrue(bounds.minL2Distance(v) <= 0, "inside: dim " + dim);
      }
      assertEquals(farthest, bounds.radius(), farthest * 1e-4 + 1e-5, "dim " + dim);
      assertTrue(bounds.radius() >= farthest, "dim " + dim);
    }
  }

  @Test
  void noBallForOnlyNullsOrANaN() {
    List<float[]> nulls = new ArrayList<>();
    nulls.add(null);
    assertNull(VectorBounds.of(column(nulls, 2)));
    assertNull(VectorBounds.of(column(List.of(new float[] {1, 2}, new float[] {Float.NaN, 0},
        new float[] {3, 4}), 2)));
  }
}
