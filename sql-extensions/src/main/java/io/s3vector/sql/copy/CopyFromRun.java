package io.s3vector.sql.copy;

import io.s3vector.sql.CopyIn;
import io.s3vector.sql.PgException;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.plan.SerialValues;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.StagedWrite;
import java.util.List;

/**
 * One COPY FROM STDIN: parses records as they arrive and hands them in batches of {@link #BATCH}
 * rows to one storage {@link StagedWrite}, which writes segments as they fill (memory stays
 * bounded for millions of rows) and makes all of them visible with one manifest commit at
 * CopyDone. A COPY that fails stores nothing: the staged segments are deleted (after a crash
 * they are unreferenced garbage). Inside a transaction block rows are buffered in the session
 * until COMMIT, like INSERT's, their serial values taken from the sequence at once.
 */
final class CopyFromRun implements CopyIn {
  static final int BATCH = 20_000;

  private final CopyFromStatement statement;
  private final PgSession session;
  private final ExecContext ctx;
  private final CopyRecords records;
  private final CopyBinaryTuples tuples;
  private List<Object[]> batch;
  /** The staged write of a COPY outside a block, begun with the first batch. */
  private StagedWrite staged;
  private boolean finished;
  private boolean headerPending;
  private boolean endMarker;
  private long stored;

  CopyFromRun(CopyFromStatement statement, PgSession session) {
    this.statement = statement;
    this.session = session;
    this.ctx = new ExecContext(session, new Object[0]);
    CopyOptions o = statement.options;
    boolean binary = o.format() == CopyOptions.Format.BINARY;
    this.records = binary ? null : new CopyRecords(o);
    this.tuples = binary ? new CopyBinaryTuples() : null;
    this.headerPending = o.header();
    this.batch = statement.newBatch();
  }

  @Override
  public void data(byte[] payload) {
    try {
      parse(payload);
    } catch (RuntimeException | Error e) {
      abort();
      throw e;
    }
  }

  private void parse(byte[] payload) {
    if (tuples != null) {
      tuples.add(payload);
      byte[][] fields;
      while ((fields = tuples.next()) != null) {
        binaryRow(fields);
      }
      return;
    }
    records.add(payload);
    String record;
    while ((record = records.next()) != null) {
      record(record);
    }
  }

  @Override
  public long done() {
    try {
      finish();
      if (staged != null) {
        staged.commit();
        staged = null;
      }
      finished = true;
      return stored;
    } catch (RuntimeException | Error e) {
      abort();
      throw e;
    }
  }

  private void finish() {
    if (tuples != null) {
      if (tuples.hasPartialTuple()) {
        throw CopyFields.badBinary("unexpected EOF in COPY data");
      }
    } else {
      String rest = records.rest();
      if (rest != null) {
        record(rest);
      }
    }
    flush();
  }

  @Override
  public PgException fail(String reason) {
    abort();
    return new PgException("57014", "COPY from stdin failed: " + reason);
  }

  private void record(String record) {
    if (endMarker) {
      return;
    }
    if (headerPending) {
      headerPending = false;
      return;
    }
    if (record.equals("\\.")) {
      endMarker = true;
      return;
    }
    CopyOptions o = statement.options;
    List<String> fields = o.format() == CopyOptions.Format.CSV
        ? CopyFields.csv(record, o) : CopyFields.text(record, o);
    int[] targets = statement.targets;
    if (fields.size() < targets.length) {
      throw CopyFields.missingData(statement.schema.columns().get(targets[fields.size()]).name());
    }
    if (fields.size() > targets.length) {
      throw CopyFields.extraData();
    }
    Object[] row = newRow();
    for (int i = 0; i < targets.length; i++) {
      String v = fields.get(i);
      row[targets[i]] = v == null ? null : statement.fromText[i].apply(new Object[] {v});
    }
    add(row);
  }

  private void binaryRow(byte[][] fields) {
    int[] targets = statement.targets;
    if (fields.length != targets.length) {
      throw CopyFields.badBinary("row field count is " + fields.length + ", expected " + targets.length);
    }
    Object[] row = newRow();
    for (int i = 0; i < targets.length; i++) {
      if (fields[i] != null) {
        Object value = statement.wireTypes[i].decodeBinary(fields[i]);
        row[targets[i]] = Casts.checkAssignment(value, statement.columnTypes[i]);
      }
    }
    add(row);
  }

  /** Forgets the rows not yet stored and deletes the staged segments (nothing becomes visible). */
  private void abort() {
    batch.clear();
    if (staged != null && !finished) {
      StagedWrite write = staged;
      staged = null;
      write.abort();
    }
  }

  private Object[] newRow() {
    Object[] row = new Object[statement.schema.columns().size()];
    for (int c = 0; c < row.length; c++) {
      if (statement.defaults[c] != null) {
        row[c] = statement.defaults[c].eval(null, ctx);
      }
    }
    return row;
  }

  private void add(Object[] row) {
    statement.notNull.check(row);
    batch.add(row);
    if (batch.size() >= BATCH) {
      flush();
    }
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    String table = statement.schema.name();
    if (session.block().inBlock()) {
      SerialValues.fill(ctx.table(table), statement.schema, batch);
      session.block().buffer(table, batch);
    } else {
      if (staged == null) {
        staged = session.database().beginWrite();
      }
      staged.write(ctx.table(table), batch);
    }
    stored += batch.size();
    batch = statement.newBatch();
  }
}
