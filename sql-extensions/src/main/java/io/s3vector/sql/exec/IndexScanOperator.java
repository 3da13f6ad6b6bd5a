package io.s3vector.sql.exec;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.VectorFunctions;
import io.s3vector.sql.session.Settings;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NearestRows;
import io.s3vector.storage.table.RowBatch;
import io.s3vector.storage.table.TableSnapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Runs {@link io.s3vector.sql.plan.VectorIndexScan}: the storage's HNSW search with the session's
 * hnsw.ef_search, the WHERE condition as a row-number filter (evaluated once over the filter's
 * columns), the session's uncommitted rows merged in exactly, then the winners' rows fetched.
 * When the index was dropped after planning, falls back to the exact scan.
 */
final class IndexScanOperator implements Operator {
  private final String table;
  private final int[] columns;
  private final int width;
  private final int vectorColumn;
  private final IndexDefinition index;
  private final Expr query;
  private final Expr filter;
  private final Expr fetch;
  private final Expr offset;
  private final Operator exactFallback;

  IndexScanOperator(String table, int[] columns, int width, int vectorColumn, IndexDefinition index,
      Expr query, Expr filter, Expr fetch, Expr offset) {
    this.table = table;
    this.columns = columns;
    this.width = width;
    this.vectorColumn = vectorColumn;
    this.index = index;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
    this.exactFallback = new TopKOperator(table, columns, width, vectorColumn, index.metric(),
        query, filter, fetch, offset);
  }

  @Override
  public RowSource open(ExecContext ctx) {
    TableSnapshot snapshot = ctx.snapshot(table);
    if (!snapshot.indexes().contains(index)) {
      return exactFallback.open(ctx);
    }
    long k = Limits.fetch(fetch, ctx);
    long skip = Limits.offset(offset, ctx);
    float[] q = (float[]) query.eval(null, ctx);
    if (q == null || k == 0) {
      return () -> null; // a NULL distance never comes out of an index scan
    }
    int want = (int) Math.min(k + skip, Integer.MAX_VALUE - 8);
    String ef = ctx.session().settings().get(Settings.EF_SEARCH);
    int efSearch = ef == null ? 40 : Integer.parseInt(ef);
    LongPredicate accept = filter == null ? null : acceptedRows(snapshot, ctx);
    NearestRows nearest;
    try {
      nearest = snapshot.vectorSearch(index, q, want, efSearch, accept);
    } catch (StorageException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.startsWith("different vector dimensions")) {
        throw new PgException(SqlState.DATA_EXCEPTION, message);
      }
      throw e;
    }
    // nearest first, ties by row number: the order the storage search returns
    Object[][] fetched = snapshot.fetch(nearest.rowNumbers(), columns);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < nearest.size(); i++) {
      Object[] row = new Object[width];
      for (int c = 0; c < columns.length; c++) {
        row[columns[c]] = fetched[i][c];
      }
      rows.add(row);
    }
    Iterator<Object[]> it = rows.stream().skip(skip).limit(k).iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  /** Row numbers that pass the WHERE condition, from one scan of the columns it reads. */
  private LongPredicate acceptedRows(TableSnapshot snapshot, ExecContext ctx) {
    BitSet accepted = new BitSet();
    Iterator<RowBatch> batches = snapshot.scan(columns);
    while (batches.hasNext()) {
      RowBatch batch = batches.next();
      for (int r = 0; r < batch.rowCount(); r++) {
        if (!batch.isDeleted(r)
            && RexCompiler.isTrue(filter, BatchRows.row(batch, r, columns, width), ctx)) {
          accepted.set((int) (batch.firstRowNumber() + r));
        }
      }
    }
    return rowNumber -> rowNumber < Integer.MAX_VALUE && accepted.get((int) rowNumber);
  }
}
