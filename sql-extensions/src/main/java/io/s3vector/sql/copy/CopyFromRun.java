package io.s3vector.sql.copy;

import io.s3vector.sql.CopyIn;
import io.s3vector.sql.PgException;
import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.plan.SerialValues;
import io.s3vector.sql.session.CommandProgress;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.types.VectorText;
import io.s3vector.sql.types.VectorType;
import io.s3vector.storage.table.StagedWrite;
import java.nio.charset.StandardCharsets;
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
  /** Rows parsed so far (the progress view's tuples_processed). */
  private long parsed;
  /** Records (or binary tuples) read, the header among them: PostgreSQL's line number. */
  private long line;
  /** The copied column whose field is being converted, or -1 (CONTEXT names it). */
  private int field = -1;
  /** That field's text (de-escaped), or null for a binary field. */
  private String fieldText;
  /** This COPY's row of pg_stat_progress_copy, removed when it ends. */
  private final CommandProgress.Copy progress;
  private final int[] fieldStart;
  private final int[] fieldEnd;
  private final boolean[] fieldEscaped;

  CopyFromRun(CopyFromStatement statement, PgSession session) {
    this.statement = statement;
    this.session = session;
    this.ctx = new ExecContext(session, new Object[0]);
    CopyOptions o = statement.options;
    boolean binary = o.format() == CopyOptions.Format.BINARY;
    this.records = binary ? null : new CopyRecords(o);
    this.tuples = binary ? new CopyBinaryTuples() : null;
    this.headerPending = o.header();
    this.progress = session.progress().startCopy(session, statement.schema.name());
    this.batch = statement.newBatch();
    int max = statement.targets.length + 1;
    this.fieldStart = new int[max];
    this.fieldEnd = new int[max];
    this.fieldEscaped = new boolean[max];
  }

  @Override
  public void data(byte[] payload) {
    try {
      long before = parsed;
      parse(payload);
      progress.add(payload.length, parsed - before);
    } catch (RuntimeException | Error e) {
      abort();
      throw e;
    }
  }

  private void parse(byte[] payload) {
    if (tuples != null) {
      tuples.add(payload);
      while (tuples.next()) {
        binaryRow();
      }
      return;
    }
    records.add(payload);
    while (records.next()) {
      record();
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
      progress.end();
      return stored;
    } catch (RuntimeException e) {
      abort();
      // the commit's own checks (a key another row holds) speak storage's exceptions
      throw PgSession.translate(e);
    } catch (Error e) {
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
      if (records.rest()) {
        record();
      }
    }
    flush();
  }

  @Override
  public PgException fail(String reason) {
    abort();
    return new PgException("57014", "COPY from stdin failed: " + reason);
  }

  /** The current record of {@link #records}. */
  private void record() {
    if (endMarker) {
      return;
    }
    line += records.lines();
    if (headerPending) {
      headerPending = false;
      return;
    }
    byte[] b = records.buffer();
    int from = records.recordStart();
    int to = records.recordEnd();
    if (to - from == 2 && b[from] == '\\' && b[from + 1] == '.') {
      endMarker = true;
      return;
    }
    Object[] row;
    try {
      row = recordRow(b, from, to);
      check(row);
    } catch (PgException e) {
      throw where(e, new String(b, from, to - from, StandardCharsets.UTF_8));
    }
    add(row);
  }

  /** The row of a text or csv record {@code b[from, to)}. */
  private Object[] recordRow(byte[] b, int from, int to) {
    CopyOptions o = statement.options;
    if (o.format() == CopyOptions.Format.CSV || statement.delimiter < 0) {
      return stringRecord(records.text());
    }
    int[] targets = statement.targets;
    int fields = splitText(b, from, to, (byte) statement.delimiter);
    if (fields < targets.length) {
      throw CopyFields.missingData(statement.schema.columns().get(targets[fields]).name());
    }
    if (fields > targets.length) {
      throw CopyFields.extraData();
    }
    Object[] row = newRow();
    for (int i = 0; i < targets.length; i++) {
      field = i;
      row[targets[i]] = textValue(i, b, fieldStart[i], fieldEnd[i], fieldEscaped[i]);
    }
    field = -1;
    return row;
  }

  /**
   * The error with PostgreSQL's CONTEXT of COPY FROM (CopyFromErrorCallback): the line, and the
   * column and its text while a field was being converted, else the whole record's text ({@code
   * record} null for binary); texts are cut at 100 bytes.
   */
  private PgException where(PgException e, String record) {
    String at = "COPY " + io.s3vector.sql.catalog.SchemaNames.tableOf(statement.schema.name())
        + ", line " + line;
    if (field >= 0) {
      at += ", column " + statement.schema.columns().get(statement.targets[field]).name();
      if (fieldText != null) {
        at += ": \"" + io.s3vector.sql.plan.ConstraintChecks.clip(fieldText, MAX_DATA_DISPLAY) + "\"";
      }
    } else if (record != null) {
      at += ": \"" + io.s3vector.sql.plan.ConstraintChecks.clip(record, MAX_DATA_DISPLAY) + "\"";
    }
    field = -1;
    fieldText = null;
    return e.withContext(at);
  }

  /** PostgreSQL's MAX_COPY_DATA_DISPLAY: bytes of data a CONTEXT shows. */
  private static final int MAX_DATA_DISPLAY = 100;

  /**
   * Cuts {@code b[from, to)} at the delimiters not escaped by a backslash into {@link #fieldStart}
   * / {@link #fieldEnd} (up to one more field than the columns, enough to report extra data) and
   * returns the number of fields. A delimiter is ASCII, so it never matches a byte of a multi-byte
   * UTF-8 character.
   */
  private int splitText(byte[] b, int from, int to, byte delimiter) {
    int max = statement.targets.length + 1;
    int count = 0;
    int start = from;
    boolean escaped = false;
    for (int p = from; ; p++) {
      p = ByteScan.indexOfEither(b, p, to, delimiter, (byte) '\\');
      if (p == to || b[p] == delimiter) {
        fieldStart[count] = start;
        fieldEnd[count] = p;
        fieldEscaped[count] = escaped;
        count++;
        if (p == to || count == max) {
          return count;
        }
        start = p + 1;
        escaped = false;
      } else if (p + 1 < to) { // a backslash: it and the byte after it are one escape
        escaped = true;
        p++;
      }
    }
  }

  /** The value of copied column i from its raw text {@code b[from, to)}. */
  private Object textValue(int i, byte[] b, int from, int to, boolean escaped) {
    byte[] nullBytes = statement.nullBytes;
    if (to - from == nullBytes.length && java.util.Arrays.equals(b, from, to, nullBytes, 0, nullBytes.length)) {
      return null;
    }
    int dim = statement.vectorDims[i];
    if (dim >= 0 && !escaped) {
      float[] v = VectorText.parseOrNull(b, from, to, dim);
      if (v != null) {
        VectorText.checkExpectedDim(dim, v.length);
        return v;
      }
    }
    String raw = new String(b, from, to - from, StandardCharsets.UTF_8);
    fieldText = escaped ? CopyFields.unescape(raw) : raw;
    return statement.fromText[i].apply(new Object[] {fieldText});
  }

  /** A csv record (or text with a delimiter that is not ASCII), split as a String. */
  private Object[] stringRecord(String record) {
    CopyOptions o = statement.options;
    List<String> fields = o.format() == CopyOptions.Format.CSV
        ? CopyFields.csv(record, o, statement.forceNotNull, statement.forceNull)
        : CopyFields.text(record, o);
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
      field = i;
      fieldText = v;
      row[targets[i]] = v == null ? null : statement.fromText[i].apply(new Object[] {v});
    }
    field = -1;
    return row;
  }

  /** The current tuple of {@link #tuples}; vectors are decoded in place. */
  private void binaryRow() {
    line++;
    Object[] row;
    try {
      row = binaryTuple();
      check(row);
    } catch (PgException e) {
      throw where(e, null);
    }
    add(row);
  }

  private Object[] binaryTuple() {
    int[] targets = statement.targets;
    int count = tuples.fieldCount();
    if (count != targets.length) {
      throw CopyFields.badBinary("row field count is " + count + ", expected " + targets.length);
    }
    byte[] b = tuples.buffer();
    Object[] row = newRow();
    for (int i = 0; i < targets.length; i++) {
      int n = tuples.length(i);
      if (n < 0) {
        continue;
      }
      int off = tuples.offset(i);
      Object value = statement.vectorDims[i] >= 0
          ? VectorType.decodeBinary(b, off, n)
          : statement.wireTypes[i].decodeBinary(java.util.Arrays.copyOfRange(b, off, off + n));
      field = i;
      row[targets[i]] = Casts.checkAssignment(value, statement.columnTypes[i]);
    }
    field = -1;
    return row;
  }

  /** Forgets the rows not yet stored and deletes the staged segments (nothing becomes visible). */
  private void abort() {
    progress.end();
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

  /** NOT NULL and CHECK of a new row (a failure's CONTEXT is its line). */
  private void check(Object[] row) {
    statement.checks.check(row, ctx, statement.copied);
  }

  /** A checked row into the batch; a full batch is stored. */
  private void add(Object[] row) {
    batch.add(row);
    parsed++;
    if (batch.size() >= BATCH) {
      flush();
    }
  }

  private void flush() {
    if (batch.isEmpty()) {
      return;
    }
    String table = statement.schema.name();
    io.s3vector.sql.plan.ForeignKeys.checkReferences(ctx, statement.schema, batch, null);
    if (session.block().inBlock()) {
      io.s3vector.storage.table.StagedWrite write = session.block().write(session.database());
      SerialValues.fill(ctx.table(table), statement.schema, batch, write);
      write.write(ctx.table(table), batch);
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
