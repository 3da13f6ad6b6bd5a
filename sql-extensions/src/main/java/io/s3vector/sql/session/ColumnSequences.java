package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.SequenceType;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.SequenceSpec;
import io.s3vector.storage.table.SerialOptions;
import io.s3vector.storage.table.SerialSequence;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of serial and identity columns' sequences (kept in the column: {@link
 * ColumnSpec#serialOptions()}), resolved and checked as a sequence of CREATE SEQUENCE's are: the
 * column's sequence is seen as a {@link SequenceSpec} of the column's type, so {@link
 * SequenceOptions#apply} gives it PostgreSQL's defaults and 22023 checks too.
 */
public final class ColumnSequences {
  private ColumnSequences() {}

  /**
   * The sequence of a new identity column of {@code type} with these options ({@code GENERATED
   * ... AS IDENTITY (options)}).
   */
  public static SerialOptions created(SequenceOptions written, ColumnType type) {
    refuseOthers(written, "AS", written.type() != null);
    refuseOthers(written, "OWNED BY", written.ownedBy() != null);
    SerialOptions defaults = SerialOptions.defaults(type, 1);
    return options(written.apply(spec(defaults, type, new SerialSequence.State(1, false)), true));
  }

  /**
   * ALTER SEQUENCE of a serial or identity column's sequence, or ALTER TABLE ... ALTER COLUMN c
   * SET option / RESTART: the column's new options in one schema commit (storage keeps where the
   * sequence stands: {@code TableEntry.withSchema}), then RESTART's setval.
   */
  public static void alter(PgSession s, Table table, String column, SequenceOptions written) {
    refuseOthers(written, "AS", written.type() != null);
    refuseOthers(written, "OWNED BY", written.ownedBy() != null);
    // the new options go on from the last value handed out, not from this server's block's end
    table.giveBackSerials(column);
    SerialSequence.State state = table.serialState(column);
    SequenceSpec[] after = new SequenceSpec[1];
    s.database().alterTable(table.name(), schema -> {
      int at = schema.indexOf(column);
      ColumnSpec c = schema.columns().get(at);
      after[0] = written.apply(spec(c.serialOptions(), c.type(), state), false);
      SerialOptions options = options(after[0]);
      if (options.equals(c.serialOptions())) {
        return schema;
      }
      return withColumn(schema, at, c.withSerialOptions(options));
    });
    if (written.restart()) {
      table.setSequence(column, after[0].last(), false);
    }
  }

  /** {@code schema} with column {@code at} replaced. */
  private static TableSchema withColumn(TableSchema schema, int at, ColumnSpec column) {
    List<ColumnSpec> columns = new ArrayList<>(schema.columns());
    columns.set(at, column);
    return schema.withColumns(columns, schema.comments());
  }

  /** A column's sequence standing at {@code state}, as a sequence of CREATE SEQUENCE is kept. */
  private static SequenceSpec spec(SerialOptions o, ColumnType type,
      SerialSequence.State state) {
    return new SequenceSpec(null, SequenceType.of(type).sqlName(), o.start(), o.increment(), o.min(), o.max(),
        o.cache(), o.cycle(), state.lastValue(), state.called(), null, null);
  }

  private static SerialOptions options(SequenceSpec spec) {
    return new SerialOptions(spec.start(), spec.increment(), spec.min(), spec.max(), spec.cycle(),
        spec.cache());
  }

  /** AS and OWNED BY would change what the column's sequence is: not taken here. */
  private static void refuseOthers(SequenceOptions written, String option, boolean given) {
    if (given) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "the sequence option " + option
          + " of a serial or identity column's sequence is not supported yet");
    }
  }
}
