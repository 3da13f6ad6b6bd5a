package io.s3vector.sql.catalog;

import java.util.List;

/**
 * PostgreSQL's access methods as pg_am lists them (15 + pgvector): heap for tables, the built-in
 * index methods and pgvector's. One list for pg_am's rows, the names indexes print and
 * default_table_access_method's checks.
 */
public final class AccessMethods {
  /** One access method: its pg_am OID, name, handler function and whether it is for tables. */
  public record AccessMethod(long oid, String name, String handler, boolean table) {}

  public static final List<AccessMethod> ALL = List.of(
      new AccessMethod(Oids.HEAP, "heap", "heap_tableam_handler", true),
      new AccessMethod(Oids.BTREE, "btree", "bthandler", false),
      new AccessMethod(Oids.HASH, "hash", "hashhandler", false),
      new AccessMethod(Oids.GIST, "gist", "gisthandler", false),
      new AccessMethod(Oids.GIN, "gin", "ginhandler", false),
      new AccessMethod(Oids.BRIN, "brin", "brinhandler", false),
      new AccessMethod(Oids.SPGIST, "spgist", "spghandler", false),
      new AccessMethod(Oids.IVFFLAT, "ivfflat", "ivfflathandler", false),
      new AccessMethod(Oids.HNSW, "hnsw", "hnswhandler", false));

  private AccessMethods() {}

  /** The access method of that name, or null. */
  public static AccessMethod named(String name) {
    for (AccessMethod m : ALL) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** The access method with that OID, or null. */
  public static AccessMethod byOid(long oid) {
    for (AccessMethod m : ALL) {
      if (m.oid() == oid) {
        return m;
      }
    }
    return null;
  }
}
