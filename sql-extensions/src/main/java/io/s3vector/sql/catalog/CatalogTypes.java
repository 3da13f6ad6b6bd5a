package io.s3vector.sql.catalog;

import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.sql.types.TypeDescription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every type pg_type lists: the types we speak ({@link PgTypes}, each describing itself) and the
 * types we only list, read from {@code pg_type.txt} (a dump of PostgreSQL 15 + pgvector): the
 * array types of the ones we speak, the types of catalog columns ({@code regclass}, {@code
 * int2vector}, ...), {@code bit} (pgvector-python's register_vector asserts it exists), and
 * pgvector's {@code _vector}, {@code halfvec}, {@code sparsevec} with their arrays. Those rows
 * exist in PostgreSQL once {@code CREATE EXTENSION vector} ran, and clients look them up by name
 * (a missing one is tolerated, a present one is not used unless a column has that type, and no
 * column of ours can: CREATE TABLE refuses them with 0A000).
 */
public final class CatalogTypes {
  private static final List<TypeDescription> ALL;
  private static final Map<Integer, TypeDescription> BY_OID = new LinkedHashMap<>();

  static {
    for (PgType t : PgTypes.all()) {
      BY_OID.put(t.oid(), t.description());
    }
    for (String line : Resources.lines("pg_type.txt")) {
      TypeDescription d = TypeDescription.parse(line);
      BY_OID.putIfAbsent(d.oid(), d);
    }
    List<TypeDescription> all = new ArrayList<>(BY_OID.values());
    all.sort(Comparator.comparingInt(TypeDescription::oid));
    ALL = Collections.unmodifiableList(all);
  }

  private CatalogTypes() {}

  /** Every listed type, by OID. */
  public static List<TypeDescription> all() {
    return ALL;
  }

  /** The type with this OID, or null. */
  public static TypeDescription byOid(long oid) {
    return oid < 0 || oid > Integer.MAX_VALUE ? null : BY_OID.get((int) oid);
  }

  /** The type with this typname (pg_catalog's or public's: no two share a name), or null. */
  public static TypeDescription byName(String typname) {
    for (TypeDescription d : ALL) {
      if (d.name().equals(typname)) {
        return d;
      }
    }
    return null;
  }
}
