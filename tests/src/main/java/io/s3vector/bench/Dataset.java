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
    return synthetic(rows, dim, queries, k, metric, null);
  }

  /** The within-cluster standard deviation of the default synthetic data (overlap ≈ 0.177). */
  static final float DEFAULT_SPREAD = 0.25f;

  /**
   * The synthetic data with the clusters' overlap set: {@code overlap} is the ratio of the
   * within-cluster spread (the RMS distance of a point from its centre, σ·√dim) to the distance
   * between cluster centres (the RMS distance between two centres, √(2·dim), centres being N(0, 1)
   * per dimension), so σ = overlap·√2 whatever the dimension. 0 puts every point on its centre;
   * about 0.5 and above the clusters blend into one another. Null keeps the default data
   * (σ = 0.25, overlap ≈ 0.177) bit for bit. The same arguments always give the same data.
   */
  public static Dataset synthetic(int rows, int dim, int queries, int k, Metric metric, Double overlap) {
    Random random = new Random(20240601L);
    int clusters = Math.max(8, rows / 1000);
    float[][] centres = new float[clusters][dim];
    for (float[] c : centres) {
      for (int d = 0; d < dim; d++) {
        c[d] = (float) random.nextGaussian();
      }
    }
    float spread = overlap == null ? DEFAULT_SPREAD : spreadForOverlap(overlap);
    float[][] base = clustered(random, centres, rows, spread);
    float[][] q = clustered(random, centres, queries, spread);
    String overlapText = overlap == null ? "" : String.format(", overlap %s", overlap);
    return new Dataset(
        String.format("synthetic clustered %,d × %d, %d clusters%s (%s)", rows, dim, clusters, overlapText, metric),
        base, q, GroundTruthCache.inBuildFolder().topK("synthetic", base, q, k, metric));
  }

  /** σ of the noise for an overlap (spread / centre distance = σ·√dim / √(2·dim)). */
  static float spreadForOverlap(double overlap) {
    if (!(overlap >= 0) || Double.isInfinite(overlap)) {
      throw new IllegalArgumentException("overlap must be a finite number >= 0: " + overlap);
    }
    return (float) (overlap * Math.sqrt(2));
  }

  private static float[][] clustered(Random random, float[][] centres, int n, float spread) {
    int dim = centres[0].length;
    float[][] out = new float[n][dim];
    for (float[] v : out) {
      float[] c = centres[random.nextInt(centres.length)];
      for (int d = 0; d < dim; d++) {
        v[d] = c[d] + spread * (float) random.nextGaussian();
      }
    }
    return out;
  }

  /**
   * The data set a run of {@code rows} rows measures: the first rows of Fashion-MNIST, or the
   * synthetic data generated at that size (as {@code --rows rows} would).
   */
  public static Dataset forOptions(BenchOptions options, int rows) throws IOException {
    return options.dataset().equals("fashion-mnist")
        ? fashionMnist(options.fashionMnist(), rows, options.queries(), options.k(), options.metric())
        : synthetic(rows, options.dim(), options.queries(), options.k(), options.metric(), options.overlap());
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
