package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.ScalarKernels;

/**
 * pgvector's functions and operators on {@code vector}, with its errors. Single distances in
 * expressions use the scalar kernels, which sum in pgvector's order so that printed distances
 * match pgvector's exactly; scans use the SIMD kernels.
 */
public final class VectorFunctions {
  private VectorFunctions() {}

  public static void checkDims(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new PgException(
          SqlState.DATA_EXCEPTION,
          "different vector dimensions " + a.length + " and " + b.length);
    }
  }

  public static double distance(DistanceMetric metric, float[] a, float[] b) {
    checkDims(a, b);
    return ScalarKernels.INSTANCE.distance(metric, a, 0, b, 0, a.length);
  }

  /** {@code inner_product(a, b)}: the (positive) inner product. */
  public static double innerProduct(float[] a, float[] b) {
    checkDims(a, b);
    return ScalarKernels.INSTANCE.dotProduct(a, 0, b, 0, a.length);
  }

  public static double norm(float[] a) {
    double norm = 0.0;
    for (float x : a) {
      norm += (double) x * (double) x;
    }
    return Math.sqrt(norm);
  }

  public static float[] l2Normalize(float[] a) {
    double norm = norm(a);
    float[] r = new float[a.length];
    if (norm > 0) {
      for (int i = 0; i < a.length; i++) {
        r[i] = (float) (a[i] / norm);
        checkOverflow(r[i]);
      }
    }
    return r;
  }

  public static float[] add(float[] a, float[] b) {
    checkDims(a, b);
    float[] r = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] + b[i];
      checkOverflow(r[i]);
    }
    return r;
  }

  public static float[] subtract(float[] a, float[] b) {
    checkDims(a, b);
    float[] r = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] - b[i];
      checkOverflow(r[i]);
    }
    return r;
  }

  public static float[] multiply(float[] a, float[] b) {
    checkDims(a, b);
    float[] r = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] * b[i];
      checkOverflow(r[i]);
      if (r[i] == 0f && !(a[i] == 0f || b[i] == 0f)) {
        throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
      }
    }
    return r;
  }

  public static float[] concat(float[] a, float[] b) {
    io.s3vector.sql.types.VectorText.checkDim(a.length + b.length);
    float[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** pgvector's subvector(v, start, count): 1-based, clipped to the vector. */
  public static float[] subvector(float[] a, int start, int count) {
    long end = (long) start + count;
    long from = Math.max(start, 1);
    long to = Math.min(end, (long) a.length + 1);
    if (count < 1 || to <= from) {
      throw new PgException(SqlState.DATA_EXCEPTION, "vector must have at least 1 dimension");
    }
    return java.util.Arrays.copyOfRange(a, (int) from - 1, (int) to - 1);
  }

  private static void checkOverflow(float f) {
    if (Float.isInfinite(f)) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }
  }

  /** {@code avg(vector)}: sums in double, as pgvector's vector_accum. */
  public static final class Avg implements PgAggFunction.Accumulator {
    private double[] sums;
    private long n;

    @Override
    public void add(Object[] args) {
      float[] v = (float[]) args[0];
      if (sums == null) {
        sums = new double[v.length];
      } else if (sums.length != v.length) {
        throw new PgException(
            SqlState.DATA_EXCEPTION,
            "expected " + sums.length + " dimensions, not " + v.length);
      }
      for (int i = 0; i < v.length; i++) {
        sums[i] += v[i];
      }
      n++;
    }

    @Override
    public Object result() {
      if (n == 0) {
        return null;
      }
      float[] r = new float[sums.length];
      for (int i = 0; i < r.length; i++) {
        r[i] = (float) (sums[i] / n);
        io.s3vector.sql.types.VectorText.checkElement(r[i]);
      }
      return r;
    }
  }

  /** {@code sum(vector)}: vector_add as the transition function. */
  public static final class Sum implements PgAggFunction.Accumulator {
    private float[] sum;

    @Override
    public void add(Object[] args) {
      float[] v = (float[]) args[0];
      sum = sum == null ? v.clone() : VectorFunctions.add(sum, v);
    }

    @Override
    public Object result() {
      return sum;
    }
  }
}
