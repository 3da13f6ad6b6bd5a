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
import java.util.Iterator;
import java.util.List;

/**
 * Runs {@link io.s3vector.sql.plan.ExactTopKScan}: distances per batch with the kernels on the
 * batch's flat float[], a bounded heap of offset + k, ties broken by row number (commit order),
 * NULL vectors last.
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

  TopKOperator(String table, int[] columns, int width, int vectorColumn, DistanceMetric metric,
      Expr query, Expr filter, Expr fetch, Expr offset) {
    this.table = table;
    this.columns = columns;
    this.width = width;
    this.vectorColumn = vectorColumn;
    this.metric = metric;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
  }

  @Override
  public RowSource open(ExecContext ctx) {
    long k = Limits.fetch(fetch, ctx);
    long skip = Limits.offset(offset, ctx);
    float[] q = (float[]) query.eval(null, ctx);
    TableSnapshot snapshot = ctx.snapshot(table);
    long total = snapshot.rowCount();
    int capacity = (int) Math.min(Math.min(k + skip, total), Integer.MAX_VALUE - 8);
    if (q == null || capacity <= 0) {
      // NULL query vector: every distance is NULL; rows come in commit order (NULLS LAST).
      return q == null && capacity > 0 ? nullQuery(ctx, skip, k) : () -> null;
    }
    TopKHeap heap = new TopKHeap(capacity);
    List<Object[]> nullRows = new ArrayList<>();
    DistanceKernels kernels = VectorizationProvider.kernels();
    double[] distances = new double[0];
    Iterator<RowBatch> batches = snapshot.scan(columns);
    while (batches.hasNext()) {
      RowBatch batch = batches.next();
      int n = batch.rowCount();
      if (n == 0) {
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
      long first = batch.firstRowNumber();
      for (int r = 0; r < n; r++) {
        if (batch.isDeleted(r)) {
          continue;
        }
        Object[] row = null;
        if (filter != null) {
          row = BatchRows.row(batch, r, columns, width);
          if (!RexCompiler.isTrue(filter, row, ctx)) {
            continue;
          }
        }
        if (batch.isNull(vectorColumn, r)) {
          if (nullRows.size() < capacity) {
            nullRows.add(row != null ? row : BatchRows.row(batch, r, columns, width));
          }
          continue;
        }
        if (heap.accepts(distances[r], first + r)) {
          heap.add(distances[r], first + r, row != null ? row : BatchRows.row(batch, r, columns, width));
        }
      }
    }
    Object[][] best = heap.drainSorted();
    List<Object[]> out = new ArrayList<>(best.length + nullRows.size());
    for (Object[] row : best) {
      out.add(row);
    }
    out.addAll(nullRows);
    Iterator<Object[]> it = out.stream().skip(skip).limit(k).iterator();
    return () -> it.hasNext() ? it.next() : null;
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
