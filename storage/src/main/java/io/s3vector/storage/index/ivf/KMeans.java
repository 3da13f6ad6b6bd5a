package io.s3vector.storage.index.ivf;

import io.s3vector.storage.vector.DistanceKernels;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Lloyd's k-means under squared L2 on a sample of the rows, then the assignment of every row to
 * its nearest centroid: the clusters of an IVF index. Seeded, so a rebuild of the same rows gives
 * the same lists. With {@code spherical} the centroids are normalised after each update (the
 * vectors are then normalised too: cosine).
 *
 * <p>Cost: {@code iterations * sample * lists} distances to train and {@code rows * lists} to
 * assign, on all cores; at 1M rows and 1,000 lists the assignment dominates (10⁹ distances).
 */
final class KMeans {

  /** Sample rows per list used to train (a sample of 64 points per centroid is plenty). */
  static final int SAMPLE_PER_LIST = 64;
  static final int ITERATIONS = 8;
  /**
   * Sample rows per list the seeding draws from (the first of the sample, which is in random
   * order): k-means++ measures every one against each new centroid, one centroid after another,
   * and Lloyd's iterations on the whole sample follow.
   */
  static final int SEED_SAMPLE_PER_LIST = 16;
  /** Rows per parallel task. */
  private static final int BLOCK = 1024;
  /** Rows measured together against the centroids (a multiple of four: the kernel's pass). */
  private static final int GROUP = 8;

  private KMeans() {}

  /**
   * Trains {@code lists} centroids ({@code float[lists * dim]}) on {@code candidates} (row
   * numbers of usable vectors in {@code vectors}).
   */
  static float[] train(float[] vectors, int dim, int[] candidates, int lists, boolean spherical,
      DistanceKernels kernels, long seed) {
    Random random = new Random(seed);
    int[] sample = sample(candidates, Math.min(candidates.length, lists * SAMPLE_PER_LIST), random);
    // the sample's vectors side by side: every pass below streams through them instead of
    // gathering rows scattered over the whole table (a cache miss each; at 1M rows that made
    // the seeding alone 12 s)
    int n = sample.length;
    float[] points = new float[n * dim];
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(vectors, sample[i] * dim, points, i * dim, dim);
      all[i] = i;
    }
    float[] centroids = seed(points, dim, Math.min(n, lists * SEED_SAMPLE_PER_LIST), lists,
        kernels, random);
    int[] assignment = new int[n];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      nearest(points, dim, all, n, centroids, lists, kernels, assignment);
      double[] sums = new double[lists * dim];
      int[] counts = new int[lists];
      for (int i = 0; i < n; i++) {
        int c = assignment[i];
        counts[c]++;
        int from = i * dim;
        for (int d = 0; d < dim; d++) {
          sums[c * dim + d] += points[from + d];
        }
      }
      for (int c = 0; c < lists; c++) {
        if (counts[c] == 0) {
          // an empty cluster restarts at a random sample point
          System.arraycopy(points, random.nextInt(n) * dim, centroids, c * dim, dim);
          continue;
        }
        for (int d = 0; d < dim; d++) {
          centroids[c * dim + d] = (float) (sums[c * dim + d] / counts[c]);
        }
        if (spherical) {
          normalise(centroids, c * dim, dim);
        }
      }
    }
    return centroids;
  }

  /**
   * k-means++ seeding (Arthur and Vassilvitskii): each next centroid is a sample point drawn with
   * probability proportional to its squared distance to the nearest centroid so far. Random
   * sample points as seeds leave some dense regions with no centroid and others with several;
   * Lloyd's iterations then keep clusters of very unequal size, and a cold query that probes a
   * large one reads several times the bytes. Costs one distance per seeding point and centroid
   * (a quarter of one Lloyd iteration: it draws from the first {@link #SEED_SAMPLE_PER_LIST} sample
   * rows per list).
   */
  private static float[] seed(float[] points, int dim, int n, int lists,
      DistanceKernels kernels, Random random) {
    float[] centroids = new float[lists * dim];
    System.arraycopy(points, random.nextInt(n) * dim, centroids, 0, dim);
    double[] nearest = new double[n];
    java.util.Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    for (int c = 1; c < lists; c++) {
      int latest = c - 1;
      IntStream.range(0, (n + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
        int end = Math.min(n, (block + 1) * BLOCK);
        for (int i = block * BLOCK; i < end; i++) {
          double d = kernels.squaredL2(points, i * dim, centroids, latest * dim, dim);
          if (d < nearest[i]) {
            nearest[i] = d;
          }
        }
      });
      double total = 0;
      for (double d : nearest) {
        total += d;
      }
      int pick = random.nextInt(n);
      if (total > 0 && Double.isFinite(total)) {
        double target = random.nextDouble() * total;
        double running = 0;
        for (int i = 0; i < n; i++) {
          running += nearest[i];
          if (running >= target) {
            pick = i;
            break;
          }
        }
      }
      System.arraycopy(points, pick * dim, centroids, c * dim, dim);
    }
    return centroids;
  }

  /**
   * The nearest centroid of each of {@code rows[0, count)}, on all cores. Rows are measured four
   * at a time against all centroids, stored column by column ({@link
   * DistanceKernels#squaredL2LessRowNorm}): no horizontal sums, one FMA per dimension and pair,
   * and each register of centroids serves four rows. One distance at a time spent as long on
   * its final sum as on its FMAs (most of the 12 s the IVF build took in a 1M-row CREATE INDEX,
   * which takes 6–8 s whole now). Ties go to the lower centroid number.
   */
  static void nearest(float[] vectors, int dim, int[] rows, int count, float[] centroids,
      int lists, DistanceKernels kernels, int[] out) {
    float[] columns = DistanceKernels.columns(centroids, lists, dim);
    float[] norms = new float[lists];
    for (int c = 0; c < lists; c++) {
      norms[c] = kernels.squaredNorm(centroids, c * dim, dim);
    }
    IntStream.range(0, (count + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
      float[] distances = new float[GROUP * lists];
      int[] offsets = new int[GROUP];
      int end = Math.min(count, (block + 1) * BLOCK);
      for (int i = block * BLOCK; i < end; i += GROUP) {
        int group = Math.min(GROUP, end - i);
        for (int r = 0; r < group; r++) {
          offsets[r] = rows[i + r] * dim;
        }
        kernels.squaredL2LessRowNorm(vectors, offsets, group, columns, norms, lists, dim,
            distances);
        for (int r = 0; r < group; r++) {
          int from = r * lists;
          int best = 0;
          float bestDistance = distances[from];
          for (int c = 1; c < lists; c++) {
            if (distances[from + c] < bestDistance) {
              bestDistance = distances[from + c];
              best = c;
            }
          }
          out[i + r] = best;
        }
      }
    });
  }

  /** {@code size} distinct values of {@code from}, in random order (a partial shuffle). */
  private static int[] sample(int[] from, int size, Random random) {
    int[] copy = from.clone();
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(copy.length - i);
      int t = copy[i];
      copy[i] = copy[j];
      copy[j] = t;
    }
    return java.util.Arrays.copyOf(copy, size);
  }

  static void normalise(float[] v, int off, int dim) {
    double norm = 0;
    for (int d = 0; d < dim; d++) {
      norm += (double) v[off + d] * v[off + d];
    }
    norm = Math.sqrt(norm);
    if (norm > 0 && Double.isFinite(norm)) {
      for (int d = 0; d < dim; d++) {
        v[off + d] = (float) (v[off + d] / norm);
      }
    }
  }
}
