package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.catalog.Oids;
import io.s3vector.sql.catalog.Relations;
import io.s3vector.sql.catalog.StandaloneSequences;
import io.s3vector.sql.catalog.UserTables;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.Table;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * nextval, setval, currval and lastval over the sequences of serial and identity columns (kept by
 * storage with their tables). Not transactional, as PostgreSQL's sequences are not; currval and
 * lastval read what this session's nextval calls (and INSERTs that numbered rows) returned.
 */
public final class SequenceFunctions {
  private SequenceFunctions() {}

  /**
   * A sequence: the serial column it numbers, or ({@code own} not null) one of CREATE SEQUENCE,
   * kept by storage under {@code own.storageName()}.
   */
  private record Sequence(long oid, String name, Table table, ColumnSpec column,
      StandaloneSequences.Sequence own) {
    String key() {
      return own != null ? "sequence\0" + own.spec().id()
          : io.s3vector.sql.session.SessionSequences.key(table, column.name());
    }

    long min() {
      return own != null ? own.spec().min() : column.serialOptions().min();
    }

    long max() {
      return own != null ? own.spec().max() : column.sequenceMax();
    }
  }

  /** The function of this name and arguments, or null when it is not one of these. */
  static Resolved resolve(String name, List<RelDataType> args, PgSession session) {
    int n = args.size();
    boolean sequenceArg = n >= 1
        && (CatalogFunctions.textLike(args.get(0)) || CatalogFunctions.oidLike(args.get(0)));
    // a text value names the sequence when the function runs; an untyped literal is a regclass
    // (looked up at planning, its error pointing at it), as PostgreSQL's resolution makes it
    RelDataType sequenceType = n >= 1 && PgRelTypes.isText(args.get(0))
        && args.get(0).getSqlTypeName() != org.apache.calcite.sql.type.SqlTypeName.CHAR
        ? PgRelTypes.TEXT : PgRelTypes.REGCLASS;
    return switch (name) {
      case "nextval" -> n == 1 && sequenceArg
          ? CatalogFunctions.live(name, List.of(sequenceType), PgRelTypes.INT8,
              a -> nextval(find(a[0], session), session), true)
          : null;
      case "currval" -> n == 1 && sequenceArg
          ? CatalogFunctions.live(name, List.of(sequenceType), PgRelTypes.INT8, a -> {
            Sequence s = find(a[0], session);
            return session.sequences().currval(s.key(), s.name());
          }, true)
          : null;
      case "lastval" -> n == 0
          ? CatalogFunctions.live(name, List.of(), PgRelTypes.INT8,
              a -> session.sequences().lastval(), true)
          : null;
      case "setval" -> (n == 2 || n == 3) && sequenceArg
          ? CatalogFunctions.live(name, n == 2 ? List.of(sequenceType, PgRelTypes.INT8)
              : List.of(sequenceType, PgRelTypes.INT8, PgRelTypes.BOOL), PgRelTypes.INT8,
              a -> setval(find(a[0], session), ((Number) a[1]).longValue(),
                  n == 2 || Boolean.TRUE.equals(a[2]), session), true)
          : null;
      default -> null;
    };
  }

  private static long nextval(Sequence s, PgSession session) {
    if (s.own() != null) {
      Long value = session.database().nextSequenceValue(s.own().storageName());
      if (value == null) {
        boolean up = s.own().spec().increment() > 0;
        throw new PgException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED,
            "nextval: reached " + (up ? "maximum" : "minimum")
            + " value of sequence \"" + s.name() + "\" (" + (up ? s.max() : s.min()) + ")");
      }
      session.sequences().record(s.key(), value);
      return value;
    }
    // inside a block whose write restarted the table's sequence (TRUNCATE ... RESTART IDENTITY),
    // the write numbers: from 1 again, as the block's INSERTs are
    io.s3vector.storage.table.StagedWrite write = session.block().existingWrite();
    long[] values = write != null ? write.reserveSerials(s.table(), s.column().name(), 1)
        : s.table().reserveSerials(s.column().name(), 1);
    session.sequences().record(s.key(), values[0]);
    return values[0];
  }

  /** setval(seq, value, is_called): the next nextval returns the value after value, or value itself. */
  private static long setval(Sequence s, long value, boolean called, PgSession session) {
    if (value < s.min() || value > s.max()) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
          + " is out of bounds for sequence \"" + s.name() + "\" (" + s.min() + ".." + s.max()
          + ")");
    }
    if (s.own() != null) {
      session.database().alterSequence(s.own().storageName(), spec -> spec.withValue(value, called));
    } else {
      s.table().setSequence(s.column().name(), value, called);
    }
    if (called) {
      session.sequences().record(s.key(), value);
    }
    return value;
  }

  /**
   * The table and column whose sequence a name (as regclass reads it) is, for ALTER SEQUENCE of
   * a serial or identity column's sequence; PostgreSQL's 42P01 when there is none.
   */
  public static ColumnSequence columnSequence(String name, PgSession session) {
    Sequence s = find(name, session);
    if (s.own() != null) {
      throw new IllegalArgumentException(name + " is a sequence of its own");
    }
    return new ColumnSequence(s.table(), s.column());
  }

  /** A serial or identity column's sequence: the column of that table. */
  public record ColumnSequence(Table table, ColumnSpec column) {}

  /**
   * What a serial or identity column's sequence belongs to, as DROP SEQUENCE names it ("column id
   * of table items"); null for a sequence of CREATE SEQUENCE.
   */
  public static String ownerOf(String name, PgSession session) {
    Sequence s = find(name, session);
    return s.own() != null ? null : "column " + s.column().name() + " of table "
        + io.s3vector.sql.catalog.SchemaNames.tableOf(s.table().name());
  }

  /**
   * {@code SELECT last_value, log_cnt, is_called FROM s}: a sequence read as a relation of one row,
   * its state when the statement runs (log_cnt, the values PostgreSQL logged ahead, is 0 here);
   * null when the name is no sequence.
   */
  public static io.s3vector.sql.catalog.CatalogTables.CatalogTable relation(String name,
      PgSession session) {
    if (!exists(name, session)) {
      return null;
    }
    org.apache.calcite.rel.type.RelDataTypeFactory.Builder type = PgRelTypes.FACTORY.builder();
    type.add("last_value", PgRelTypes.INT8);
    type.add("log_cnt", PgRelTypes.INT8);
    type.add("is_called", PgRelTypes.BOOL);
    return new io.s3vector.sql.catalog.CatalogTables.CatalogTable(name, type.build(), s -> {
      Sequence seq = find(name, s);
      long last;
      boolean called;
      if (seq.own() != null) { // as the database shows it: the last value this server handed out
        last = seq.own().spec().last();
        called = seq.own().spec().called();
      } else {
        io.s3vector.storage.table.SerialSequence.State state =
            seq.table().serialState(seq.column().name());
        called = state.called();
        last = state.lastValue();
      }
      return List.<Object[]>of(new Object[] {last, 0L, called});
    });
  }

  /** Whether a name (as regclass reads it) is a sequence of a serial or identity column. */
  public static boolean exists(String name, PgSession session) {
    try {
      find(name, session);
      return true;
    } catch (PgException e) {
      return false;
    }
  }

  /** The sequence a regclass OID or a name denotes, or PostgreSQL's 42P01. */
  private static Sequence find(Object sequence, PgSession session) {
    Long oid = sequence instanceof String text ? Relations.oidOf(text, session)
        : Long.valueOf(((Number) sequence).longValue());
    if (oid != null) {
      StandaloneSequences.Sequence own = StandaloneSequences.withOid(oid, session.database());
      if (own != null) {
        return new Sequence(oid, own.name(), null, null, own);
      }
      for (UserTables.UserTable t : UserTables.of(session.database())) {
        for (UserTables.Column c : t.serialColumns()) {
          if (Oids.sequence(t.table(), c.spec().name()) == oid) {
            return new Sequence(oid, t.sequenceName(c), t.table(), c.spec(), null);
          }
        }
      }
    }
    throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + sequence + "\" does not exist");
  }
}
