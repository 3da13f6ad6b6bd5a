package io.s3vector.storage.index.ivf;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.SixBitCodes;
import io.s3vector.storage.vector.ScalarQuantizer;
import java.util.stream.IntStream;

/**
 * A built IVF index of one segment's vector column: the routing table ({@link IvfHead}), and in
 * cluster order the row of every listed vector and its code: 6 bits per dimension of the row's
 * residual from its cluster's centroid ({@link SixBitCodes}, {@link IvfHead#residual}). Rows are
 * not moved: the lists point at them, and the codes are a copy in cluster order, so one cluster's
 * codes are one byte range of the stored array ({@link IvfSegmentIndex}).
 *
 * <p>Why residuals in 6 bits: a cluster's residuals span a small part of the vectors' range, so 64
 * levels over them measure about as finely as 256 over the whole range (on the bench's clustered
 * data, a residual spans about a quarter of it), in three quarters of the bytes of an int8 code.
 * That keeps the whole index (these codes and the graph) under 0.3× of the raw vectors at 128
 * dimensions. 4 bits were tried: half the bytes, but a step of two thirds of a cluster's σ, and
 * the cold path's recall@10 at 1M fell from 0.96–1.0 to 0.54–0.89 (ef_search 10–40).
 *
 * @param listRows {@code int[rows]}: the segment row at each list position
 * @param codes {@code byte[rows * head.codeBytes()]}: the packed code at each list position
 */
public record IvfIndex(IvfHead head, int[] listRows, byte[] codes) {

  private static final java.util.concurrent.atomic.AtomicLong TRAININGS =
      new java.util.concurrent.atomic.AtomicLong();

  /** k-means trainings run by this JVM so far (tests check that a merge reused centroids). */
  public static long trainings() {
    return TRAININGS.get();
  }

  /** Rows per code chunk: about 128 MB, so a chunk's byte offsets fit an int. */
  static final int CODE_CHUNK_BYTES = 1 << 27;

  /** Clusters for {@code rows} vectors: about √rows, so a cluster holds about √rows rows. */
  public static int listsFor(int rows) {
    return Math.max(1, (int) Math.round(Math.sqrt(rows)));
  }

  /**
   * Whether {@code trainedLists} centroids (trained on an earlier segment) may serve {@code rows}
   * rows instead of training {@link #listsFor} anew: at least 70% as many lists, so clusters hold
   * at most about twice the rows they were sized for (a merge that adds a few small segments to a
   * large one keeps its centroids; one that doubles it trains again).
   */
  public static boolean reusable(int trainedLists, int rows) {
    return trainedLists >= 0.7 * listsFor(rows);
  }

  /**
   * Clusters the non-NULL rows of {@code vectors} ({@code float[rows * dim]}) and encodes them.
   * Under cosine, vectors are normalised first and rows without a norm are left out (their
   * distance is NaN), as HNSW leaves them out of its graph.
   */
  public static IvfIndex build(DistanceMetric metric, float[] vectors, int rows, int dim,
      boolean[] nulls, DistanceKernels kernels, long seed) {
    return build(metric, vectors, rows, dim, nulls, kernels, seed, null);
  }

  /**
   * As {@link #build(DistanceMetric, float[], int, int, boolean[], DistanceKernels, long)}, with
   * the centroids of {@code trained} ({@code float[lists * dim]}, nullable) instead of a k-means
   * of these rows when {@link #reusable}: a merge keeps the centroids of its largest segment's
   * index, as it keeps its graph, and only assigns and encodes the rows (k-means training was a
   * third of an IVF build).
   */
  public static IvfIndex build(DistanceMetric metric, float[] vectors, int rows, int dim,
      boolean[] nulls, DistanceKernels kernels, long seed, float[] trained) {
    boolean cosine = metric == DistanceMetric.COSINE;
    float[] space = vectors;
    if (cosine) {
      space = new float[rows * dim];
      System.arraycopy(vectors, 0, space, 0, rows * dim);
    }
    int[] usable = new int[rows];
    int count = 0;
    for (int r = 0; r < rows; r++) {
      if (nulls != null && nulls[r]) {
        continue;
      }
      if (cosine) {
        double norm = kernels.squaredNorm(space, r * dim, dim);
        if (!(norm > 0) || Double.isInfinite(norm)) {
          continue;
        }
        KMeans.normalise(space, r * dim, dim);
      }
      usable[count++] = r;
    }
    usable = java.util.Arrays.copyOf(usable, count);
    boolean reuse = trained != null && trained.length % dim == 0 && count > 0
        && reusable(trained.length / dim, count);
    int lists = reuse ? trained.length / dim : Math.max(1, Math.min(listsFor(count), count));
    float[] centroids;
    if (reuse) {
      centroids = trained.clone();
    } else if (count == 0) {
      centroids = new float[lists * dim];
    } else {
      centroids = KMeans.train(space, dim, usable, lists, cosine, kernels, seed);
      TRAININGS.incrementAndGet();
    }
    int[] assignment = new int[count];
    KMeans.nearest(space, dim, usable, count, centroids, lists, kernels, assignment);
    // counting sort by cluster: positions in cluster order, rows ascending within a cluster
    long[] offsets = new long[lists + 1];
    for (int i = 0; i < count; i++) {
      offsets[assignment[i] + 1]++;
    }
    for (int l = 0; l < lists; l++) {
      offsets[l + 1] += offsets[l];
    }
    int[] next = new int[lists];
    for (int l = 0; l < lists; l++) {
      next[l] = (int) offsets[l];
    }
    int[] listRows = new int[count];
    for (int i = 0; i < count; i++) {
      listRows[next[assignment[i]]++] = usable[i];
    }
    ScalarQuantizer quantizer = ScalarQuantizer.train(space, rows, dim, usableMask(rows, usable));
    ScalarQuantizer residual = residualQuantizer(space, dim, listRows, offsets, centroids);
    int codeBytes = SixBitCodes.bytesPerRow(dim);
    byte[] codes = new byte[count * codeBytes];
    float[] space0 = space; // (effectively final, for the lambda)
    // list by list on all cores: each list's codes are a range of their own
    IntStream.range(0, lists).parallel().forEach(l -> {
      float[] scratch = new float[dim];
      byte[] level = new byte[dim];
      for (int p = (int) offsets[l]; p < offsets[l + 1]; p++) {
        residualOf(space0, listRows[p] * dim, centroids, l * dim, dim, scratch);
        residual.encode(scratch, 0, level, 0);
        SixBitCodes.pack(level, 0, dim, codes, p * codeBytes);
      }
    });
    int codeChunkRows = Math.max(1, Math.min(Math.max(1, count), CODE_CHUNK_BYTES / codeBytes));
    IvfHead head = new IvfHead(metric, dim, lists, centroids, offsets, quantizer, residual,
        codeChunkRows);
    return new IvfIndex(head, listRows, codes);
  }

  /** The residual quantizer spanning every listed row's residual from its centroid, per dimension. */
  private static ScalarQuantizer residualQuantizer(float[] space, int dim, int[] listRows,
      long[] offsets, float[] centroids) {
    // on all cores: each slice of the lists widens a range of its own ({lo, hi}), merged after
    int lists = offsets.length - 1;
    int slices = Math.min(lists, 4 * Runtime.getRuntime().availableProcessors());
    float[][][] ranges = IntStream.range(0, slices).parallel().mapToObj(slice -> {
      float[][] range = emptyRange(dim);
      float[] scratch = new float[dim];
      for (int l = (int) ((long) lists * slice / slices); l < (long) lists * (slice + 1) / slices; l++) {
        for (int p = (int) offsets[l]; p < offsets[l + 1]; p++) {
          residualOf(space, listRows[p] * dim, centroids, l * dim, dim, scratch);
          ScalarQuantizer.include(scratch, 0, range[0], range[1]);
        }
      }
      return range;
    }).toArray(float[][][]::new);
    float[][] range = emptyRange(dim);
    for (float[][] slice : ranges) {
      ScalarQuantizer.include(slice[0], 0, range[0], range[1]);
      ScalarQuantizer.include(slice[1], 0, range[0], range[1]);
    }
    return ScalarQuantizer.fromRange(range[0], range[1], SixBitCodes.LEVELS);
  }

  /** {lo, hi} per dimension, of no row yet. */
  private static float[][] emptyRange(int dim) {
    float[] lo = new float[dim];
    float[] hi = new float[dim];
    java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
    return new float[][] {lo, hi};
  }

  private static void residualOf(float[] space, int from, float[] centroids, int centroid, int dim,
      float[] out) {
    for (int d = 0; d < dim; d++) {
      out[d] = space[from + d] - centroids[centroid + d];
    }
  }

  /** NULL marks for {@link ScalarQuantizer#train}: true for rows not in {@code usable}. */
  private static boolean[] usableMask(int rows, int[] usable) {
    boolean[] skip = new boolean[rows];
    java.util.Arrays.fill(skip, true);
    for (int r : usable) {
      skip[r] = false;
    }
    return skip;
  }
}
