package io.s3vector.sql.catalog;

import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.SequenceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sequences made by CREATE SEQUENCE as the catalogs show them: relations of kind {@code S} in
 * their schema, named as storage keeps them. (A serial or identity column's sequence is its
 * table's: {@link UserTables.UserTable#serialColumns}.)
 */
public final class StandaloneSequences {
  private StandaloneSequences() {}

  /** One sequence: its storage name ({@link SchemaNames#storageName}) and what storage keeps. */
  public record Sequence(String storageName, SequenceSpec spec) {

    /** relname. */
    public String name() {
      return SchemaNames.tableOf(storageName);
    }

    public String schemaName() {
      return SchemaNames.schemaOf(storageName);
    }

    /** relnamespace. */
    public long namespace() {
      return Oids.namespace(schemaName());
    }

    public long oid() {
      return Oids.standaloneSequence(spec.id());
    }

    /** seqtypid: int2, int4 or int8. */
    public long typeOid() {
      return SequenceType.of(spec.type()).oid();
    }

    /** The value pg_sequences.last_value shows: null until nextval (or setval) was called. */
    public Long lastValue() {
      return spec.called() ? spec.last() : null;
    }
  }

  /** Every such sequence of the database, by storage name. */
  public static List<Sequence> of(Database database) {
    List<Sequence> out = new ArrayList<>();
    for (Map.Entry<String, SequenceSpec> e : database.sequences().entrySet()) {
      out.add(new Sequence(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The sequence with this OID, or null. */
  public static Sequence withOid(long oid, Database database) {
    for (Sequence s : of(database)) {
      if (s.oid() == oid) {
        return s;
      }
    }
    return null;
  }
}
