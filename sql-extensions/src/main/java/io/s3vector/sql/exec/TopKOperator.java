package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.VectorFunctions;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.VectorizationProvider;
import io.s3vector.storage.vector.DistanceMetric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Runs {@link io.s3vector.sql.plan.ExactTopKScan}: distances per batch with the kernels on the
 * batch's flat float[], a bounded heap of offset + k ordered by (distance, later keys, row number),
 * rows with a NULL vector (NULL distance) in a second heap ordered by (later keys, row number),
 * output after the others (NULLS LAST) or before them (NULLS FIRST). A row is materialised only
 * when its distance may enter the heap, and its later keys computed only when that distance ties.
 */
final class TopKOperator implements Operator {
  private final String table;
  private final int[] columns;
  private final int width;
  private final int vectorColumn;
  private final DistanceMetric metric;
  private final Expr query;
  private final Expr filter;
  private final Expr fetch;
  private final Expr offset;
  private final LaterKeys laterKeys;
  private final boolean nullsFirst;

  /** @param laterKeys the ORDER BY keys after the distance, or null */
  TopKOperator(String table, int[] columns, int width, int vectorColumn, DistanceMetric metric,
      Expr query, Expr filter, Expr fetch, Expr offset, LaterKeys laterKeys, boolean nullsFirst) {
    this.table = table;
    this.columns = columns;
    this.width = width;
    this.vectorColumn = vectorColumn;
    this.metric = metric;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
    this.laterKeys = laterKeys;
    this.nullsFirst = nullsFirst;
  }

  @Override
  public RowSource open(ExecContext ctx) {
    long k = Limits.fetch(fetch, ctx);
    long skip = Limits.offset(offset, ctx);
    float[] q = (float[]) query.eval(null, ctx);
    TableSnapshot snapshot = ctx.snapshot(table);
    long total = snapshot.rowCount();
    int capacity = (int) Math.min(Math.min(Limits.kept(k, skip), total), Integer.MAX_VALUE - 8);
    if (capacity <= 0) {
      return () -> null;
    }
    if (q == null && laterKeys == null) {
      // NULL query vector: every distance is NULL; rows come in commit order.
      return nullQuery(ctx, skip, k);
    }
    TopKHeap heap = new TopKHeap(q == null ? 0 : capacity, laterKeys, ctx);
    TopKHeap nulls = new TopKHeap(capacity, laterKeys, ctx);
    DistanceKernels kernels = VectorizationProvider.kernels();
    double[] distances = new double[0];
    Iterator<RowBatch> batches = snapshot.scan(columns);
    while (batches.hasNext()) {
      RowBatch batch = batches.next();
      int n = batch.rowCount();
      if (n == 0) {
        continue;
      }
      long first = batch.firstRowNumber();
      if (q == null) {
        // every distance is NULL: the later keys alone choose
        for (int r = 0; r < n; r++) {
          if (!batch.isDeleted(r)) {
            offer(nulls, 0, first + r, batch, r, ctx);
          }
        }
        continue;
      }
      int dim = batch.dimension(vectorColumn);
      if (dim != q.length && hasNonNull(batch, n)) {
        throw new PgException(SqlState.DATA_EXCEPTION,
            "different vector dimensions " + dim + " and " + q.length);
      }
      if (distances.length < n) {
        distances = new double[n];
      }
      kernels.distances(metric, q, batch.vectors(vectorColumn), n, dim, distances, false);
      for (int r = 0; r < n; r++) {
        if (batch.isDeleted(r)) {
          continue;
        }
        if (batch.isNull(vectorColumn, r)) {
          offer(nulls, 0, first + r, batch, r, ctx);
        } else {
          offer(heap, distances[r], first + r, batch, r, ctx);
        }
      }
    }
    Object[][] best = heap.drainSorted();
    Object[][] nullRows = nulls.drainSorted();
    List<Object[]> out = new ArrayList<>(best.length + nullRows.length);
    out.addAll(Arrays.asList(nullsFirst ? nullRows : best));
    out.addAll(Arrays.asList(nullsFirst ? best : nullRows));
    Iterator<Object[]> it = out.stream().skip(skip).limit(k).iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  /**
   * Offers row {@code r} of the batch. The WHERE condition is evaluated for every row (as
   * PostgreSQL's scan does: its errors are raised whichever rows win); without one, a row that
   * cannot enter the heap is never materialised.
   */
  private void offer(TopKHeap heap, double d, long rowNo, RowBatch batch, int r, ExecContext ctx) {
    Object[] row = null;
    if (filter != null) {
      row = BatchRows.row(batch, r, columns, width);
      if (!RexCompiler.isTrue(filter, row, ctx)) {
        return;
      }
    }
    if (heap.mayAccept(d, rowNo)) {
      heap.offer(d, rowNo, row != null ? row : BatchRows.row(batch, r, columns, width));
    }
  }

  private boolean hasNonNull(RowBatch batch, int n) {
    for (int r = 0; r < n; r++) {
      if (!batch.isNull(vectorColumn, r)) {
        return true;
      }
    }
    return false;
  }

  private RowSource nullQuery(ExecContext ctx, long skip, long k) {
    RowSource scan = new ScanOperator(table, columns, width).open(ctx);
    return new RowSource() {
      long skipped;
      long returned;

      @Override
      public Object[] next() {
        while (returned < k) {
          Object[] row = scan.next();
          if (row == null) {
            return null;
          }
          if (filter != null && !RexCompiler.isTrue(filter, row, ctx)) {
            continue;
          }
          if (skipped < skip) {
            skipped++;
            continue;
          }
          returned++;
          return row;
        }
        return null;
      }
    };
  }
}
