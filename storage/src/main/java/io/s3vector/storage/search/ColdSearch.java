package io.s3vector.storage.search;

import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.index.ivf.IvfCodeScorer;
import io.s3vector.storage.index.ivf.IvfHead;
import io.s3vector.storage.index.ivf.IvfSegmentIndex;
import io.s3vector.storage.io.ObjectRange;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.DistanceMetric;
import io.s3vector.storage.vector.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The cold path of a k-nearest-neighbour query: segments whose graph is not in memory are
 * searched through their IVF index ({@link IvfHead}) in two rounds of reads for all of them at
 * once, however many segments there are — never a graph walk on the object store:
 *
 * <ol>
 *   <li>route: the {@code probes} nearest clusters of each segment (its head is in memory), then
 *       read those clusters' rows and codes (4-bit residuals, {@link IvfCodeScorer}), each
 *       cluster a byte range, in one round;
 *   <li>re-rank: the {@code rerank} best rows by code distance get their float32 vectors, one
 *       byte range each (or their chunk, when the column is compressed), in one round, and pgvector's
 *       exact distance.
 * </ol>
 *
 * Under a filter that leaves fewer than k rows in the probed clusters, the probes double and one
 * more round reads the next clusters, until k rows match or every cluster was read (then the
 * answer is exact for those segments: every row with a vector is in some cluster).
 *
 * <p>{@code hnsw.ef_search} keeps its meaning: it sets both the probes ({@code ef / 2}) and the
 * rows re-ranked ({@code ef}, at least {@code 2k}), so more is slower and more accurate. The
 * floor of {@code 2k}: with 6-bit codes, re-ranking only k rows let the codes alone choose the
 * answer, and at ef_search 10 recall@10 at 1M fell to 0.875.
 */
final class ColdSearch {

  /** One segment to search: where it is, its attributes, its first row number and its head. */
  record Target(String directory, String segmentId, SegmentMeta meta, long firstRow, IvfHead head,
      String groupPrefix) {}

  private final DistanceKernels kernels;
  private final SegmentReader reader;
  private final ReadStats stats;
  private final DistanceMetric metric;
  private final ColumnSpec spec;
  private final float[] query;
  private final int k;
  private final int ef;
  /** How many rows by code distance get their exact distance. */
  private final int rerank;
  private final LongPredicate accept;

  ColdSearch(DistanceKernels kernels, SegmentReader reader, ReadStats stats, DistanceMetric metric,
      ColumnSpec spec, float[] query, int k, int ef, LongPredicate accept) {
    this.kernels = kernels;
    this.reader = reader;
    this.stats = stats;
    this.metric = metric;
    this.spec = spec;
    this.query = query;
    this.k = k;
    this.ef = Math.max(ef, k);
    this.rerank = Math.max(this.ef, 2 * k);
    this.accept = accept;
  }

  /** How many rows by code distance get their exact distance: {@code ef}, at least {@code 2k}. */
  int rerankRows() {
    return rerank;
  }

  /** The probes of a search with beam width {@code ef}: half of it, at least one. */
  static int probes(int ef) {
    return Math.max(1, ef / 2);
  }

  /** Searches {@code targets}, offering each re-ranked row's exact distance to {@code best}. */
  void run(List<Target> targets, TopK best) {
    if (targets.isEmpty()) {
      return;
    }
    float[] prepared = targets.get(0).head().prepare(query);
    if (prepared == null) {
      return; // a zero query under cosine: NaN to every row, as pgvector's index returns nothing
    }
    TopK candidates = new TopK(rerank);
    int[] probed = new int[targets.size()];
    int[][] order = new int[targets.size()][];
    int probes = probes(ef);
    long accepted = 0;
    while (true) {
      List<Cluster> clusters = new ArrayList<>();
      for (int t = 0; t < targets.size(); t++) {
        IvfHead head = targets.get(t).head();
        if (order[t] == null) {
          order[t] = head.nearestLists(prepared, head.lists(), kernels);
        }
        int upTo = Math.min(head.lists(), probes);
        for (int i = probed[t]; i < upTo; i++) {
          if (head.size(order[t][i]) > 0) {
            clusters.add(new Cluster(t, order[t][i]));
          }
        }
        probed[t] = upTo;
      }
      accepted += score(targets, clusters, prepared, candidates);
      boolean more = false;
      for (int t = 0; t < targets.size(); t++) {
        more |= probed[t] < targets.get(t).head().lists();
      }
      if (accepted >= k || !more || accept == null) {
        break;
      }
      probes *= 2; // a selective filter: read the next clusters
    }
    rerank(targets, candidates, best);
  }

  private record Cluster(int target, int list) {}

  /** Reads the clusters' rows and codes in one round and ranks their accepted rows by code. */
  private long score(List<Target> targets, List<Cluster> clusters, float[] prepared, TopK candidates) {
    List<TieredReader.Load<Object>> loads = new ArrayList<>();
    int[] firstLoad = new int[clusters.size()];
    for (int c = 0; c < clusters.size(); c++) {
      Cluster cluster = clusters.get(c);
      Target target = targets.get(cluster.target());
      firstLoad[c] = loads.size();
      ObjectRange rows = IvfSegmentIndex.rowsRange(target.groupPrefix(), target.head(), cluster.list());
      loads.add(new TieredReader.Load<>(rows, rows, bytes -> IvfSegmentIndex.rows(bytes)));
      for (ObjectRange codes : IvfSegmentIndex.codeRanges(target.groupPrefix(), target.head(), cluster.list())) {
        loads.add(new TieredReader.Load<>(codes, codes, bytes -> bytes));
      }
    }
    List<Object> read = reader.tiers().readAll(loads, stats);
    long accepted = 0;
    IvfCodeScorer[] scorers = new IvfCodeScorer[targets.size()];
    for (int c = 0; c < clusters.size(); c++) {
      Cluster cluster = clusters.get(c);
      Target target = targets.get(cluster.target());
      if (scorers[cluster.target()] == null) {
        scorers[cluster.target()] = target.head().scorer(prepared);
      }
      IvfCodeScorer scorer = scorers[cluster.target()];
      scorer.list(cluster.list());
      int bytes = target.head().codeBytes();
      int[] rows = (int[]) read.get(firstLoad[c]);
      int load = firstLoad[c] + 1;
      byte[] codes = (byte[]) read.get(load);
      int at = 0; // position within the current codes piece
      for (int p = 0; p < rows.length; p++) {
        if (at * bytes >= codes.length) {
          codes = (byte[]) read.get(++load);
          at = 0;
        }
        long rowNumber = target.firstRow() + rows[p];
        if (accept == null || accept.test(rowNumber)) {
          accepted++;
          float d = scorer.distance(codes, at * bytes);
          candidates.offer(d, ((long) cluster.target() << 32) | rows[p]);
        }
        at++;
      }
    }
    return accepted;
  }

  /** Exact distances of the candidates, from their float32 rows read in one round. */
  private void rerank(List<Target> targets, TopK candidates, TopK best) {
    int n = candidates.size();
    long[] ids = new long[n];
    double[] approximate = new double[n];
    candidates.sorted(approximate, ids);
    List<SegmentReader.RowRef> refs = new ArrayList<>(n);
    for (long id : ids) {
      Target target = targets.get((int) (id >>> 32));
      refs.add(new SegmentReader.RowRef(target.directory(), target.segmentId(), target.meta(), spec,
          (int) id));
    }
    List<float[]> vectors = reader.rowVectors(refs, stats);
    int dim = query.length;
    for (int i = 0; i < n; i++) {
      Target target = targets.get((int) (ids[i] >>> 32));
      best.offer(kernels.distance(metric, query, 0, vectors.get(i), 0, dim),
          target.firstRow() + (int) ids[i]);
    }
  }
}
