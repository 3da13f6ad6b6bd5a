package io.s3vector.storage.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels on the Vector API: whole SIMD registers ({@link FloatVector#SPECIES_PREFERRED}) over
 * the body and a scalar loop over the tail shorter than one register. Lane-wise accumulation sums
 * in a different order from the scalar loop, so results agree to float rounding, not bit for bit;
 * but the order is fixed, so one input always gives the same float (interpreted or compiled).
 * Only loaded when {@code jdk.incubator.vector} is readable ({@link VectorizationProvider}).
 *
 * <p>Each loop runs in three parts, as Lucene's: four registers at a time into four independent
 * accumulators, then one register at a time into the first, then the scalar tail. One FMA chain
 * would wait out the FMA's latency (about four cycles) on every step; four chains keep the two
 * FMA units busy, and the loop is then bound by its loads.
 *
 * <p>The lanes are summed by a fixed tree of lane-wise adds, which Java specifies exactly, and the
 * accumulators are combined in a fixed order before it. {@code reduceLanes(ADD)} leaves the order
 * open, and the interpreter and the JIT-compiled intrinsic choose differently: the same distance
 * would round differently before and after compilation, and an exact top-k could disagree with
 * itself.
 *
 * <p>Helper methods that take or return a vector are a hazard: C2 inlines the Vector API's own
 * methods even past its node budget ({@code @ForceInline}, delayed inlining), but not ours; a
 * helper left out of line makes it box every vector reaching it, and then the accumulators of the
 * whole loop: a kernel inlined into a large caller (the graph walk, a JMH stub) ran a hundred
 * times slower with {@code sumLanes(FloatVector)} as a method. So the single-pair kernels write the
 * tree out; the few helpers that remain ({@code lanes(FloatVector)} after the batched L2 loop,
 * {@code PanamaCodeKernels.floats} and {@code reduce}) are a few operations each and measured at
 * full speed in their kernels' benchmarks. A new one must be measured inside a large caller too.
 */
public final class PanamaKernels implements DistanceKernels {

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** Floats per step of the unrolled loop (LANES is a power of two, so this one is too). */
  private static final int STRIDE = 4 * LANES;

  /** Floats per register of the preferred species ({@link VectorizationProvider} checks it). */
  static int lanes() {
    return LANES;
  }

  /** The end of the unrolled loop's range: {@code dim} rounded down to a whole step. */
  private static int unrolledBound(int dim) {
    return dim & -STRIDE;
  }

  @Override
  public void squaredL2(float[] query, float[] vectors, int[] nodes, int count, int dim,
      float[] out) {
    int bound = SPECIES.loopBound(dim);
    int i = 0;
    // the last pass measures the last row again in the slots past count: rows already in the
    // cache, instead of one row at a time without the overlap (a tenth of a build's time)
    int last = count - 1;
    for (; i < count && bound > 0; i += 4) {
      int o0 = nodes[i] * dim;
      int o1 = nodes[Math.min(i + 1, last)] * dim;
      int o2 = nodes[Math.min(i + 2, last)] * dim;
      int o3 = nodes[Math.min(i + 3, last)] * dim;
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      int d = 0;
      for (; d < bound; d += LANES) {
        FloatVector q = FloatVector.fromArray(SPECIES, query, d);
        FloatVector d0 = q.sub(FloatVector.fromArray(SPECIES, vectors, o0 + d));
        FloatVector d1 = q.sub(FloatVector.fromArray(SPECIES, vectors, o1 + d));
        FloatVector d2 = q.sub(FloatVector.fromArray(SPECIES, vectors, o2 + d));
        FloatVector d3 = q.sub(FloatVector.fromArray(SPECIES, vectors, o3 + d));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      float s0 = lanes(acc0);
      float s1 = lanes(acc1);
      float s2 = lanes(acc2);
      float s3 = lanes(acc3);
      for (; d < dim; d++) {
        float q = query[d];
        float e0 = q - vectors[o0 + d];
        float e1 = q - vectors[o1 + d];
        float e2 = q - vectors[o2 + d];
        float e3 = q - vectors[o3 + d];
        s0 += e0 * e0;
        s1 += e1 * e1;
        s2 += e2 * e2;
        s3 += e3 * e3;
      }
      out[i] = s0;
      if (i + 3 < count) {
        out[i + 1] = s1;
        out[i + 2] = s2;
        out[i + 3] = s3;
      } else if (i + 2 < count) {
        out[i + 1] = s1;
        out[i + 2] = s2;
      } else if (i + 1 < count) {
        out[i + 1] = s1;
      }
    }
    for (; i < count; i++) { // dimensions below one register
      out[i] = squaredL2(query, 0, vectors, nodes[i] * dim, dim);
    }
  }

  @Override
  public void squaredL2LessRowNorm(float[] vectors, int[] offsets, int rows, float[] columns,
      float[] norms, int count, int dim, float[] out) {
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      fourRowsToColumns(vectors, offsets[r], offsets[r + 1], offsets[r + 2], offsets[r + 3],
          columns, norms, count, dim, out, r * count);
    }
    for (; r < rows; r++) {
      oneRowToColumns(vectors, offsets[r], columns, norms, count, dim, out, r * count);
    }
  }

  /**
   * Four rows against two registers of centroids at a time: eight independent FMA chains of
   * {@code x·c}, finished as {@code |c|² - 2 x·c}.
   */
  private static void fourRowsToColumns(float[] v, int x0, int x1, int x2, int x3,
      float[] columns, float[] norms, int count, int dim, float[] out, int to) {
    int c = 0;
    for (; c + 2 * LANES <= count; c += 2 * LANES) {
      FloatVector a00 = FloatVector.zero(SPECIES);
      FloatVector a01 = a00;
      FloatVector a10 = a00;
      FloatVector a11 = a00;
      FloatVector a20 = a00;
      FloatVector a21 = a00;
      FloatVector a30 = a00;
      FloatVector a31 = a00;
      for (int d = 0, base = c; d < dim; d++, base += count) {
        FloatVector k0 = FloatVector.fromArray(SPECIES, columns, base);
        FloatVector k1 = FloatVector.fromArray(SPECIES, columns, base + LANES);
        FloatVector b = FloatVector.broadcast(SPECIES, v[x0 + d]);
        a00 = b.fma(k0, a00);
        a01 = b.fma(k1, a01);
        b = FloatVector.broadcast(SPECIES, v[x1 + d]);
        a10 = b.fma(k0, a10);
        a11 = b.fma(k1, a11);
        b = FloatVector.broadcast(SPECIES, v[x2 + d]);
        a20 = b.fma(k0, a20);
        a21 = b.fma(k1, a21);
        b = FloatVector.broadcast(SPECIES, v[x3 + d]);
        a30 = b.fma(k0, a30);
        a31 = b.fma(k1, a31);
      }
      FloatVector n0 = FloatVector.fromArray(SPECIES, norms, c);
      FloatVector n1 = FloatVector.fromArray(SPECIES, norms, c + LANES);
      FloatVector minusTwo = FloatVector.broadcast(SPECIES, -2f);
      a00.fma(minusTwo, n0).intoArray(out, to + c);
      a01.fma(minusTwo, n1).intoArray(out, to + c + LANES);
      a10.fma(minusTwo, n0).intoArray(out, to + count + c);
      a11.fma(minusTwo, n1).intoArray(out, to + count + c + LANES);
      a20.fma(minusTwo, n0).intoArray(out, to + 2 * count + c);
      a21.fma(minusTwo, n1).intoArray(out, to + 2 * count + c + LANES);
      a30.fma(minusTwo, n0).intoArray(out, to + 3 * count + c);
      a31.fma(minusTwo, n1).intoArray(out, to + 3 * count + c + LANES);
    }
    // the last centroids, under a mask (1,000 lists leave 8: a scalar loop over them took a
    // tenth of the assignment's time)
    for (; c < count; c += LANES) {
      VectorMask<Float> m = SPECIES.indexInRange(c, count);
      FloatVector a0 = FloatVector.zero(SPECIES);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int d = 0, base = c; d < dim; d++, base += count) {
        FloatVector k = FloatVector.fromArray(SPECIES, columns, base, m);
        a0 = FloatVector.broadcast(SPECIES, v[x0 + d]).fma(k, a0);
        a1 = FloatVector.broadcast(SPECIES, v[x1 + d]).fma(k, a1);
        a2 = FloatVector.broadcast(SPECIES, v[x2 + d]).fma(k, a2);
        a3 = FloatVector.broadcast(SPECIES, v[x3 + d]).fma(k, a3);
      }
      FloatVector n = FloatVector.fromArray(SPECIES, norms, c, m);
      FloatVector minusTwo = FloatVector.broadcast(SPECIES, -2f);
      a0.fma(minusTwo, n).intoArray(out, to + c, m);
      a1.fma(minusTwo, n).intoArray(out, to + count + c, m);
      a2.fma(minusTwo, n).intoArray(out, to + 2 * count + c, m);
      a3.fma(minusTwo, n).intoArray(out, to + 3 * count + c, m);
    }
  }

  /** One row against every centroid, a register at a time (the last one under a mask). */
  private static void oneRowToColumns(float[] v, int x, float[] columns, float[] norms,
      int count, int dim, float[] out, int to) {
    for (int c = 0; c < count; c += LANES) {
      VectorMask<Float> m = SPECIES.indexInRange(c, count);
      FloatVector acc = FloatVector.zero(SPECIES);
      for (int d = 0, base = c; d < dim; d++, base += count) {
        acc = FloatVector.broadcast(SPECIES, v[x + d])
            .fma(FloatVector.fromArray(SPECIES, columns, base, m), acc);
      }
      acc.fma(FloatVector.broadcast(SPECIES, -2f), FloatVector.fromArray(SPECIES, norms, c, m))
          .intoArray(out, to + c, m);
    }
  }

  /** The lanes' sum by the fixed rotation tree of the kernels below. */
  private static float lanes(FloatVector v) {
    v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
    v = LANES > 4 ? v.add(v.rearrange(ROTATE_4)) : v;
    v = LANES > 2 ? v.add(v.rearrange(ROTATE_2)) : v;
    return (LANES > 1 ? v.add(v.rearrange(ROTATE_1)) : v).lane(0);
  }

  @Override
  public float squaredL2(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        FloatVector d0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
        FloatVector d1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES));
        FloatVector d2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES));
        FloatVector d3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES));
        acc0 = d0.fma(d0, acc0);
        acc1 = d1.fma(d1, acc1);
        acc2 = d2.fma(d2, acc2);
        acc3 = d3.fma(d3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector d = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i));
        acc0 = d.fma(d, acc0);
      }
      FloatVector v = acc0.add(acc1).add(acc2.add(acc3));
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = LANES > 4 ? v.add(v.rearrange(ROTATE_4)) : v;
      v = LANES > 2 ? v.add(v.rearrange(ROTATE_2)) : v;
      sum = (LANES > 1 ? v.add(v.rearrange(ROTATE_1)) : v).lane(0);
    }
    for (; i < dim; i++) {
      float diff = a[aOffset + i] - b[bOffset + i];
      sum += diff * diff;
    }
    return sum;
  }

  @Override
  public float dotProduct(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
        acc1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES), acc1);
        acc2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES), acc2);
        acc3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES), acc3);
      }
      for (; i < bound; i += LANES) {
        acc0 = FloatVector.fromArray(SPECIES, a, aOffset + i)
            .fma(FloatVector.fromArray(SPECIES, b, bOffset + i), acc0);
      }
      FloatVector v = acc0.add(acc1).add(acc2.add(acc3));
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = LANES > 4 ? v.add(v.rearrange(ROTATE_4)) : v;
      v = LANES > 2 ? v.add(v.rearrange(ROTATE_2)) : v;
      sum = (LANES > 1 ? v.add(v.rearrange(ROTATE_1)) : v).lane(0);
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * b[bOffset + i];
    }
    return sum;
  }

  @Override
  public float l1(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        acc0 = acc0.add(FloatVector.fromArray(SPECIES, a, aOffset + i)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i)).abs());
        acc1 = acc1.add(FloatVector.fromArray(SPECIES, a, aOffset + i + LANES)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + LANES)).abs());
        acc2 = acc2.add(
            FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES)
                .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + 2 * LANES)).abs());
        acc3 = acc3.add(
            FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES)
                .sub(FloatVector.fromArray(SPECIES, b, bOffset + i + 3 * LANES)).abs());
      }
      for (; i < bound; i += LANES) {
        acc0 = acc0.add(FloatVector.fromArray(SPECIES, a, aOffset + i)
            .sub(FloatVector.fromArray(SPECIES, b, bOffset + i)).abs());
      }
      FloatVector v = acc0.add(acc1).add(acc2.add(acc3));
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = LANES > 4 ? v.add(v.rearrange(ROTATE_4)) : v;
      v = LANES > 2 ? v.add(v.rearrange(ROTATE_2)) : v;
      sum = (LANES > 1 ? v.add(v.rearrange(ROTATE_1)) : v).lane(0);
    }
    for (; i < dim; i++) {
      sum += Math.abs(a[aOffset + i] - b[bOffset + i]);
    }
    return sum;
  }

  @Override
  public float squaredNorm(float[] a, int aOffset, int dim) {
    int i = 0;
    float sum = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = acc0;
      FloatVector acc2 = acc0;
      FloatVector acc3 = acc0;
      for (int unrolled = unrolledBound(dim); i < unrolled; i += STRIDE) {
        FloatVector v0 = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector v1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES);
        FloatVector v2 = FloatVector.fromArray(SPECIES, a, aOffset + i + 2 * LANES);
        FloatVector v3 = FloatVector.fromArray(SPECIES, a, aOffset + i + 3 * LANES);
        acc0 = v0.fma(v0, acc0);
        acc1 = v1.fma(v1, acc1);
        acc2 = v2.fma(v2, acc2);
        acc3 = v3.fma(v3, acc3);
      }
      for (; i < bound; i += LANES) {
        FloatVector v = FloatVector.fromArray(SPECIES, a, aOffset + i);
        acc0 = v.fma(v, acc0);
      }
      FloatVector v = acc0.add(acc1).add(acc2.add(acc3));
      v = LANES > 8 ? v.add(v.rearrange(ROTATE_8)) : v;
      v = LANES > 4 ? v.add(v.rearrange(ROTATE_4)) : v;
      v = LANES > 2 ? v.add(v.rearrange(ROTATE_2)) : v;
      sum = (LANES > 1 ? v.add(v.rearrange(ROTATE_1)) : v).lane(0);
    }
    for (; i < dim; i++) {
      sum += a[aOffset + i] * a[aOffset + i];
    }
    return sum;
  }

  /**
   * One pass over both vectors with three sums (dot, |a|², |b|²), each in its own accumulators:
   * half the loads of three separate passes (each vector read once, not twice). Unrolled by two,
   * not four, as Lucene's cosine: two steps already give six independent FMA chains, and twelve
   * accumulators plus the loads would not fit the sixteen registers of AVX2.
   */
  @Override
  public double cosineDistance(float[] a, int aOffset, float[] b, int bOffset, int dim) {
    int i = 0;
    float dot = 0;
    float normA = 0;
    float normB = 0;
    int bound = SPECIES.loopBound(dim);
    if (bound > 0) {
      FloatVector dot0 = FloatVector.zero(SPECIES);
      FloatVector dot1 = dot0;
      FloatVector normA0 = dot0;
      FloatVector normA1 = dot0;
      FloatVector normB0 = dot0;
      FloatVector normB1 = dot0;
      for (int unrolled = dim & -(2 * LANES); i < unrolled; i += 2 * LANES) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOffset + i);
        FloatVector a1 = FloatVector.fromArray(SPECIES, a, aOffset + i + LANES);
        FloatVector b1 = FloatVector.fromArray(SPECIES, b, bOffset + i + LANES);
        dot0 = a0.fma(b0, dot0);
        normA0 = a0.fma(a0, normA0);
        normB0 = b0.fma(b0, normB0);
        dot1 = a1.fma(b1, dot1);
        normA1 = a1.fma(a1, normA1);
        normB1 = b1.fma(b1, normB1);
      }
      for (; i < bound; i += LANES) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOffset + i);
        dot0 = a0.fma(b0, dot0);
        normA0 = a0.fma(a0, normA0);
        normB0 = b0.fma(b0, normB0);
      }
      FloatVector dotV = dot0.add(dot1);
      dotV = LANES > 8 ? dotV.add(dotV.rearrange(ROTATE_8)) : dotV;
      dotV = LANES > 4 ? dotV.add(dotV.rearrange(ROTATE_4)) : dotV;
      dotV = LANES > 2 ? dotV.add(dotV.rearrange(ROTATE_2)) : dotV;
      dot = (LANES > 1 ? dotV.add(dotV.rearrange(ROTATE_1)) : dotV).lane(0);
      FloatVector normAV = normA0.add(normA1);
      normAV = LANES > 8 ? normAV.add(normAV.rearrange(ROTATE_8)) : normAV;
      normAV = LANES > 4 ? normAV.add(normAV.rearrange(ROTATE_4)) : normAV;
      normAV = LANES > 2 ? normAV.add(normAV.rearrange(ROTATE_2)) : normAV;
      normA = (LANES > 1 ? normAV.add(normAV.rearrange(ROTATE_1)) : normAV).lane(0);
      FloatVector normBV = normB0.add(normB1);
      normBV = LANES > 8 ? normBV.add(normBV.rearrange(ROTATE_8)) : normBV;
      normBV = LANES > 4 ? normBV.add(normBV.rearrange(ROTATE_4)) : normBV;
      normBV = LANES > 2 ? normBV.add(normBV.rearrange(ROTATE_2)) : normBV;
      normB = (LANES > 1 ? normBV.add(normBV.rearrange(ROTATE_1)) : normBV).lane(0);
    }
    for (; i < dim; i++) {
      float x = a[aOffset + i];
      float y = b[bOffset + i];
      dot += x * y;
      normA += x * x;
      normB += y * y;
    }
    return Distances.cosine(dot, normA, normB);
  }

  /**
   * The lanes rotated by 8, 4, 2 and 1, for the fixed tree of lane-wise adds that sums the lanes
   * of an accumulator (those rotations shorter than the register; {@code LANES} is a constant to
   * the JIT, so the untaken ones vanish and the shuffles are constants).
   */
  private static final VectorShuffle<Float> ROTATE_8 = rotation(8);
  private static final VectorShuffle<Float> ROTATE_4 = rotation(4);
  private static final VectorShuffle<Float> ROTATE_2 = rotation(2);
  private static final VectorShuffle<Float> ROTATE_1 = rotation(1);

  private static VectorShuffle<Float> rotation(int shift) {
    return VectorShuffle.fromOp(SPECIES, lane -> (lane + shift) % LANES);
  }
}
