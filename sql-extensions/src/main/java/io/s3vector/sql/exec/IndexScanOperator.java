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
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Runs {@link io.s3vector.sql.plan.VectorIndexScan}: the storage's HNSW search with the session's
 * hnsw.ef_search, the WHERE condition as a row-number filter (evaluated once over the filter's
 * columns), the session's uncommitted rows merged in exactly, then the winners' rows fetched.
 * When the index was dropped after planning, falls back to the exact scan.
 *
 * <p>With later sort keys ({@code ORDER BY embedding <-> $1, id}), PostgreSQL sorts what
 * pgvector's index scan returns by the whole ORDER BY (an incremental sort), so among the rows the
 * search finds at the k-th distance the later keys choose. Here the search is asked for one row
 * more than it needs; while that extra row still ties with the k-th distance, it is asked again
 * for twice as many, until the tie group is complete (or the search has nothing more); then the
 * candidates go through the same heap as the exact scan's.
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
  private final LaterKeys laterKeys;
  private final Operator exactFallback;

  /** @param laterKeys the ORDER BY keys after the distance, or null */
  IndexScanOperator(String table, int[] columns, int width, int vectorColumn, IndexDefinition index,
      Expr query, Expr filter, Expr fetch, Expr offset, LaterKeys laterKeys) {
    this.table = table;
    this.columns = columns;
    this.width = width;
    this.vectorColumn = vectorColumn;
    this.index = index;
    this.query = query;
    this.filter = filter;
    this.fetch = fetch;
    this.offset = offset;
    this.laterKeys = laterKeys;
    this.exactFallback = new TopKOperator(table, columns, width, vectorColumn, index.metric(),
        query, filter, fetch, offset, laterKeys, false);
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
    // never more than the table has (k is Long.MAX_VALUE for LIMIT NULL)
    int want = (int) Math.min(Math.min(Limits.kept(k, skip), snapshot.rowCount()),
        Integer.MAX_VALUE - 8);
    if (q == null) {
      // every distance is NULL: pgvector's index scan still returns k rows (whichever its walk
      // meets first); the exact scan returns k too, in commit order or by the later keys
      return exactFallback.open(ctx);
    }
    if (k == 0 || want == 0) {
      return () -> null;
    }
    String ef = ctx.session().settings().get(Settings.EF_SEARCH);
    int efSearch = ef == null ? 40 : Integer.parseInt(ef);
    LongPredicate accept = filter == null ? null : acceptedRows(snapshot, ctx);
    NearestRows nearest;
    if (laterKeys == null) {
      nearest = search(snapshot, q, want, efSearch, accept);
    } else {
      int ask = want + 1;
      while (true) {
        nearest = search(snapshot, q, ask, efSearch, accept);
        if (nearest.size() < ask || ask >= Integer.MAX_VALUE - 8
            || TopKHeap.compareDistance(nearest.distances()[ask - 1],
                nearest.distances()[want - 1]) != 0) {
          break;
        }
        ask = (int) Math.min(2L * ask, Integer.MAX_VALUE - 8);
      }
    }
    // nearest first, ties by row number: the order the storage search returns
    Object[][] fetched = snapshot.fetch(nearest.rowNumbers(), columns);
    List<Object[]> rows = new ArrayList<>();
    if (laterKeys == null) {
      for (int i = 0; i < nearest.size(); i++) {
        rows.add(tableRow(fetched[i]));
      }
    } else {
      TopKHeap heap = new TopKHeap(want, laterKeys, ctx);
      for (int i = 0; i < nearest.size(); i++) {
        if (heap.mayAccept(nearest.distances()[i], nearest.rowNumbers()[i])) {
          heap.offer(nearest.distances()[i], nearest.rowNumbers()[i], tableRow(fetched[i]));
        }
      }
      rows.addAll(Arrays.asList(heap.drainSorted()));
    }
    Iterator<Object[]> it = rows.stream().skip(skip).limit(k).iterator();
    return () -> it.hasNext() ? it.next() : null;
  }

  private NearestRows search(TableSnapshot snapshot, float[] q, int k, int efSearch,
      LongPredicate accept) {
    try {
      return snapshot.vectorSearch(index, q, k, efSearch, accept);
    } catch (StorageException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.startsWith("different vector dimensions")) {
        throw new PgException(SqlState.DATA_EXCEPTION, message);
      }
      throw e;
    }
  }

  /** A fetched row's values at their places in the table's row. */
  private Object[] tableRow(Object[] values) {
    Object[] row = new Object[width];
    for (int c = 0; c < columns.length; c++) {
      row[columns[c]] = values[c];
    }
    return row;
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
