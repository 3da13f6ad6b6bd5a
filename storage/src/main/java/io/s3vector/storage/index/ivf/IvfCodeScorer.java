package io.s3vector.storage.index.ivf;

import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.SixBitCodes;
import io.s3vector.storage.vector.ScalarQuantizer;

/**
 * Ranks the rows of an IVF index's clusters by code distance to one query, cluster by cluster:
 * {@link #list} before the rows of each cluster, then {@link #distance} per row. Not thread-safe;
 * one per query.
 *
 * <p>Format 2 lists hold 6-bit codes ({@link SixBitCodes}) of each row's residual {@code r = x -
 * c} from its cluster's centroid {@code c}, measured packed ({@link
 * ScalarQuantizer.Query#distanceSixBit}). For L2 and L1 the query moves the same way ({@code q -
 * c}), once per cluster, and is measured against the residual codes. For the inner product (and cosine, over
 * normalised vectors) {@code <q, x> = <q, c> + <q, r>}: the query is prepared once and each
 * cluster adds {@code -<q, c>}. Format 1 lists hold int8 codes of the vectors themselves.
 */
public final class IvfCodeScorer {

  private final IvfHead head;
  private final DistanceMetric metric;
  private final float[] prepared;
  private final int dim;
  private final float[] moved;
  private ScalarQuantizer.Query query;
  private float offset;

  IvfCodeScorer(IvfHead head, float[] prepared) {
    this.head = head;
    this.metric = head.metric();
    this.prepared = prepared;
    this.dim = head.dimension();
    this.moved = new float[dim];
    if (head.residual() == null) {
      query = head.quantizer().prepare(metric, prepared);
    } else if (metric == DistanceMetric.NEGATIVE_INNER_PRODUCT || metric == DistanceMetric.COSINE) {
      query = head.residual().prepare(metric, prepared);
    }
  }

  /** Starts the rows of cluster {@code list}. */
  public void list(int list) {
    if (head.residual() == null) {
      return;
    }
    float[] centroids = head.centroids();
    int from = list * dim;
    if (metric == DistanceMetric.NEGATIVE_INNER_PRODUCT || metric == DistanceMetric.COSINE) {
      float dot = 0;
      for (int d = 0; d < dim; d++) {
        dot += prepared[d] * centroids[from + d];
      }
      offset = -dot;
    } else {
      for (int d = 0; d < dim; d++) {
        moved[d] = prepared[d] - centroids[from + d];
      }
      query = head.residual().prepare(metric, moved);
    }
  }

  /** The ranking distance of the row whose code starts at {@code codes[at]} (of the current list). */
  public float distance(byte[] codes, int at) {
    if (head.residual() == null) {
      return query.distance(codes, at);
    }
    return query.distanceSixBit(codes, at) + offset;
  }
}
