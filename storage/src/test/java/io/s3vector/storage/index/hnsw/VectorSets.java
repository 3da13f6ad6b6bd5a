package io.s3vector.storage.index.hnsw;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/** Data sets for HNSW tests and benchmarks: fvecs files, clustered synthetic vectors, ground truth. */
public final class VectorSets {

  public static final Path FASHION_MNIST =
      Path.of("/work/shared/datasets/fashion-mnist-784-euclidean");

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

  /** The first {@code max} records of a (gzipped) fvecs file. */
  public static Vectors readFvecs(Path file, int max) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(
            file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 20))) {
      float[] data = null;
      int dim = 0;
      int rows = 0;
      byte[] header = new byte[4];
      while (rows < max) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        int d = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (data == null) {
          dim = d;
          data = new float[Math.min(max, 1 << 20) * dim];
        }
        if (data.length < (rows + 1) * dim) {
          data = Arrays.copyOf(data, data.length * 2);
        }
        byte[] buf = new byte[4 * d];
        in.readFully(buf);
        ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data, rows * dim, d);
        rows++;
      }
      return new Vectors(Arrays.copyOf(data, rows * dim), rows, dim);
    }
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
