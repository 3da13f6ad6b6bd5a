package io.s3vector.storage.index.ivf;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.SixBitCodes;
import io.s3vector.storage.vector.ScalarQuantizer;

/**
 * The routing table of one segment's IVF index: the cluster centroids and where each cluster's
 * rows lie in the cluster-ordered arrays. Small (lists × dimension floats: 0.5 MB at 1M × 128),
 * read in one round and kept in memory, so a cold query routes without a graph walk.
 *
 * @param lists the number of clusters
 * @param centroids {@code float[lists * dimension]}, normalised under cosine
 * @param offsets {@code long[lists + 1]}: cluster {@code l} holds positions {@code
 *     [offsets[l], offsets[l+1])} of the list arrays
 * @param quantizer int8 codes of the vectors themselves (normalised under cosine), over their
 *     whole range: what a graph walks on ({@link IvfSegmentIndex#codesByRow}); in format 1 also
 *     what the lists stored
 * @param residual 6-bit codes ({@link SixBitCodes}) of each listed vector's residual
 *     from its cluster's centroid: what the lists store (format 2), or null for format 1, whose
 *     lists store {@code quantizer}'s codes
 * @param codeChunkRows rows per chunk of the codes array
 */
public record IvfHead(DistanceMetric metric, int dimension, int lists, float[] centroids,
    long[] offsets, ScalarQuantizer quantizer, ScalarQuantizer residual, int codeChunkRows) {

  /** Bytes of one listed row's code: 6 bits a dimension (format 2), else 8. */
  public int codeBytes() {
    return residual != null ? SixBitCodes.bytesPerRow(dimension) : dimension;
  }

  /** A scorer of the lists' codes against a {@link #prepare prepared} query. */
  public IvfCodeScorer scorer(float[] prepared) {
    return new IvfCodeScorer(this, prepared);
  }

  /** Rows in the lists (the segment's non-NULL vectors; under cosine, those with a norm). */
  public long rows() {
    return offsets[lists];
  }

  /** Rows of cluster {@code list}. */
  public int size(int list) {
    return (int) (offsets[list + 1] - offsets[list]);
  }

  /**
   * The query in the lists' space (normalised under cosine), or null when it has no direction
   * (a zero vector under cosine: every distance is NaN, and no index can rank it).
   */
  public float[] prepare(float[] query) {
    if (metric != DistanceMetric.COSINE) {
      return query;
    }
    float[] out = query.clone();
    double norm = 0;
    for (float x : out) {
      norm += (double) x * x;
    }
    if (!(norm > 0) || Double.isInfinite(norm)) {
      return null;
    }
    KMeans.normalise(out, 0, out.length);
    return out;
  }

  /**
   * The {@code probes} clusters nearest to a prepared query, nearest first: by L2 to the
   * centroid, or by inner product for the inner-product and cosine metrics (as pgvector's
   * ivfflat routes).
   */
  public int[] nearestLists(float[] prepared, int probes, DistanceKernels kernels) {
    int n = Math.min(probes, lists);
    float[] distances = new float[lists];
    for (int l = 0; l < lists; l++) {
      distances[l] = switch (metric) {
        case NEGATIVE_INNER_PRODUCT, COSINE ->
            -kernels.dotProduct(prepared, 0, centroids, l * dimension, dimension);
        default -> kernels.squaredL2(prepared, 0, centroids, l * dimension, dimension);
      };
    }
    Integer[] order = new Integer[lists];
    for (int l = 0; l < lists; l++) {
      order[l] = l;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(distances[a], distances[b]));
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** Approximate heap bytes, for the byte-weighted cache. */
  public long byteSize() {
    return 64 + 4L * centroids.length + 8L * offsets.length + 16L * dimension;
  }
}
