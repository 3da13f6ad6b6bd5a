package io.s3vector.storage.index.hnsw;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/** Data sets for HNSW tests and benchmarks: Fashion-MNIST, clustered synthetic vectors, ground truth. */
public final class VectorSets {

  /** Fashion-MNIST's IDX files as Debian's package dataset-fashion-mnist installs them. */
  public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

  private VectorSets() {}

  /** Vectors of equal dimension, row-major. */
  public record Vectors(float[] data, int rows, int dim) {
    public float[] row(int r) {
      return Arrays.copyOfRange(data, r * dim, (r + 1) * dim);
    }

    public Vectors normalised() {
      float[] out = data.clone();
      for (int r = 0; r < rows; r++) {
        double norm = 0;
        for (int i = 0; i < dim; i++) {
          norm += (double) out[r * dim + i] * out[r * dim + i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < dim && norm > 0; i++) {
          out[r * dim + i] = (float) (out[r * dim + i] / norm);
        }
      }
      return new Vectors(out, rows, dim);
    }
  }

  /** The first {@code rows} Fashion-MNIST training images (the base rows). */
  public static Vectors fashionMnistBase(int rows) throws IOException {
    return readIdxImages(FASHION_MNIST.resolve("train-images-idx3-ubyte.gz"), rows);
  }

  /** The first {@code count} Fashion-MNIST test images (the queries). */
  public static Vectors fashionMnistQueries(int count) throws IOException {
    return readIdxImages(FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"), count);
  }

  /**
   * The first {@code max} images of a gzipped IDX file (MNIST's format: a big-endian header with
   * magic 0x803, count, rows, columns; then one unsigned byte per pixel), one float per pixel.
   */
  public static Vectors readIdxImages(Path file, int max) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16), 1 << 20))) {
      if (in.readInt() != 0x803) {
        throw new IOException(file + " is not an IDX file of unsigned-byte images");
      }
      int rows = Math.min(max, in.readInt());
      int dim = in.readInt() * in.readInt();
      byte[] pixels = new byte[rows * dim];
      in.readFully(pixels);
      float[] data = new float[pixels.length];
      for (int i = 0; i < pixels.length; i++) {
        data[i] = pixels[i] & 0xff;
      }
      return new Vectors(data, rows, dim);
    }
  }

  /** A benchmark's base rows and queries. */
  public record BaseAndQueries(Vectors base, Vectors queries) {}

  /**
   * The benchmarks' data: {@code "fashion"} is the first {@code rows} Fashion-MNIST images and the
   * first 1,000 test images; anything else {@code rows} clustered vectors of {@code dim} values
   * (1,000 clusters, seed 7) and {@code queries} more drawn the same way.
   */
  public static BaseAndQueries benchmarkData(String set, int rows, int dim, int queries)
      throws IOException {
    if (set.equals("fashion")) {
      return new BaseAndQueries(fashionMnistBase(rows), fashionMnistQueries(1000));
    }
    Vectors all = clustered(rows + queries, dim, 1000, 7);
    return new BaseAndQueries(
        new Vectors(Arrays.copyOf(all.data(), rows * dim), rows, dim),
        new Vectors(Arrays.copyOfRange(all.data(), rows * dim, (rows + queries) * dim), queries, dim));
  }

  /** Gaussian clusters (like the bench's "clustered synthetic"): {@code clusters} centres in [-1,1]. */
  public static Vectors clustered(int rows, int dim, int clusters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] centres = new float[clusters * dim];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) (random.nextDouble() * 2 - 1);
    }
    float[] data = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      int c = random.nextInt(clusters);
      for (int i = 0; i < dim; i++) {
        data[r * dim + i] = centres[c * dim + i] + (float) (gaussian(random) * 0.15);
      }
    }
    return new Vectors(data, rows, dim);
  }

  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A distance for ground truth, in double. */
  public interface Distance {
    double between(float[] a, int aOff, float[] b, int bOff, int dim);
  }

  public static final Distance L2 = (a, ao, b, bo, dim) -> {
    double s = 0;
    for (int i = 0; i < dim; i++) {
      double d = a[ao + i] - b[bo + i];
      s += d * d;
    }
    return Math.sqrt(s);
  };

  public static final Distance NEGATIVE_DOT = (a, ao, b, bo, dim) -> {
    double s = 0;
    for (int i = 0; i < dim; i++) {
      s += (double) a[ao + i] * b[bo + i];
    }
    return -s;
  };

  /** For each query, the k-th smallest distance to the base (for recall with ties). */
  public static double[] kthDistances(Vectors base, Vectors queries, int k, Distance distance) {
    return IntStream.range(0, queries.rows()).parallel().mapToDouble(q -> {
      double[] all = new double[base.rows()];
      for (int r = 0; r < base.rows(); r++) {
        all[r] = distance.between(queries.data(), q * queries.dim(), base.data(), r * base.dim(),
            base.dim());
      }
      Arrays.sort(all);
      return all[Math.min(k, all.length) - 1];
    }).toArray();
  }

  /** Hits: returned rows whose true distance is within the k-th distance (tolerant of ties). */
  public static int hits(Vectors base, float[] query, long[] rows, double kth, Distance distance) {
    int hits = 0;
    for (long row : rows) {
      if (distance.between(query, 0, base.data(), (int) row * base.dim(), base.dim())
          <= kth + Math.abs(kth) * 1e-6 + 1e-9) {
        hits++;
      }
    }
    return hits;
  }
}
