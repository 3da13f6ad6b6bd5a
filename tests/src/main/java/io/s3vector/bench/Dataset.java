package io.s3vector.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * Base vectors (row id = position), query vectors, and the exact top-k of each query over the
 * base rows, in double precision with ties by lower id.
 */
public record Dataset(String description, float[][] base, float[][] queries, int[][] groundTruth) {

  public int dim() {
    return base[0].length;
  }

  /**
   * The first {@code rows} Fashion-MNIST training images and the first {@code queries} test images
   * (Debian's dataset-fashion-mnist in {@code folder}); ground truth from the build folder's cache.
   */
  public static Dataset fashionMnist(Path folder, int rows, int queries, int k, Metric metric)
      throws IOException {
    float[][] base = FashionMnist.base(folder, rows);
    float[][] q = FashionMnist.queries(folder, queries);
    return new Dataset(
        String.format("fashion-mnist %,d × %d (%s)", base.length, base[0].length, metric),
        base, q, GroundTruthCache.inBuildFolder().topK("fashion-mnist", base, q, k, metric));
  }

  /**
   * Clustered Gaussian data with a fixed seed: {@code max(8, rows / 1000)} centres drawn from
   * N(0, 1) per dimension, each point a centre plus N(0, 0.25²) noise; queries drawn the same way.
   */
  public static Dataset synthetic(int rows, int dim, int queries, int k, Metric metric) {
    Random random = new Random(20240601L);
    int clusters = Math.max(8, rows / 1000);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) random.nextGaussian();
      }
    }
    float[][] base = clustered(random, centres, rows);
    float[][] q = clustered(random, centres, queries);
    return new Dataset(
        String.format("synthetic clustered %,d × %d, %d clusters (%s)", rows, dim, clusters, metric),
        base, q, GroundTruthCache.inBuildFolder().topK("synthetic", base, q, k, metric));
  }

  private static float[][] clustered(Random random, float[][] centres, int n) {
    int dim = centres[0].length;
    float[][] out = new float[n][dim];
    for (float[] v : out) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int d = 0; d < dim; d++) {
        v[d] = c[d] + 0.25f * (float) random.nextGaussian();
      }
    }
    return out;
  }

  /**
   * Recall@k of one answer: a returned row counts when its true distance is no more than the k-th
   * true distance (exact ties in pixel data make ids alone unfair).
   */
  public double recall(int query, int[] returned, Metric metric) {
    int[] truth = groundTruth[query];
    double kth = metric.distance(base[truth[truth.length - 1]], queries[query]);
    double tolerance = 1e-9 * Math.max(1, Math.abs(kth));
    int hits = 0;
    for (int id : returned) {
      if (id >= 0 && id < base.length && metric.distance(base[id], queries[query]) <= kth + tolerance) {
        hits++;
      }
    }
    return (double) Math.min(hits, truth.length) / truth.length;
  }
}
