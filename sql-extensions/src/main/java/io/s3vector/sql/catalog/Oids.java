package io.s3vector.sql.catalog;

import io.s3vector.storage.table.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The OIDs of catalog objects: PostgreSQL's fixed ones for what initdb creates, pgvector's for
 * its access methods and operator classes (as a fresh {@code CREATE EXTENSION vector} numbers
 * them), and for user relations OIDs derived from the table's id (given at CREATE TABLE), so a
 * table, its indexes and constraints keep their OIDs for the table's whole life, on every server
 * of one store, and a table created again under the same name gets new ones (as in PostgreSQL).
 */
public final class Oids {
  public static final long PG_CATALOG = 11;
  public static final long PG_TOAST = 99;
  public static final long PUBLIC = 2200;
  public static final long INFORMATION_SCHEMA = 13207;

  /** The bootstrap superuser, and pg_database_owner (the owner of public). */
  public static final long SUPERUSER = 10;
  public static final long DATABASE_OWNER = 6171;

  /** The catalogs themselves, as pg_description.classoid and pg_depend.classid name them. */
  public static final long PG_CLASS = 1259;
  public static final long PG_TYPE = 1247;
  public static final long PG_PROC = 1255;
  public static final long PG_NAMESPACE = 2615;
  public static final long PG_CONSTRAINT = 2606;
  public static final long PG_EXTENSION = 3079;
  public static final long PG_DATABASE = 1262;
  public static final long PG_AM = 2601;
  public static final long PG_ATTRDEF = 2604;
  public static final long PG_INDEX = 2610;

  public static final long HEAP = 2;
  public static final long BTREE = 403;
  public static final long HASH = 405;
  public static final long GIST = 783;
  public static final long GIN = 2742;
  public static final long BRIN = 3580;
  public static final long SPGIST = 4000;
  public static final long IVFFLAT = 16447;
  public static final long HNSW = 16449;

  public static final long PLPGSQL_EXTENSION = 13559;
  public static final long VECTOR_EXTENSION = 16384;
  public static final long DEFAULT_COLLATION = 100;
  public static final long C_COLLATION = 950;
  public static final long PG_DEFAULT_TABLESPACE = 1663;

  /**
   * The first OID of user objects (FirstNormalObjectId is 16384; pgvector's objects take the
   * next few hundred, so ours start above them).
   */
  public static final long FIRST_USER = 17000;
  private static final long USER_RANGE = Integer.MAX_VALUE - FIRST_USER;

  private Oids() {}

  /** The table's pg_class OID. */
  public static long table(Table table) {
    return derive("table", table.id(), "");
  }

  /** An index's pg_class OID (an HNSW index, or the index of a PRIMARY KEY/UNIQUE constraint). */
  public static long index(Table table, String index) {
    return derive("index", table.id(), index);
  }

  /** A constraint's pg_constraint OID. */
  public static long constraint(Table table, String constraint) {
    return derive("constraint", table.id(), constraint);
  }

  /** The pg_class OID of a serial column's sequence. */
  public static long sequence(Table table, String column) {
    return derive("sequence", table.id(), column);
  }

  /** The pg_class OID of a sequence made by CREATE SEQUENCE (its storage id). */
  public static long standaloneSequence(String id) {
    return derive("sequence", id, "");
  }

  /** A column default's pg_attrdef OID. */
  public static long attrdef(Table table, String column) {
    return derive("attrdef", table.id(), column);
  }

  /**
   * A number in [17000, 2^31) from a hash of the object's kind, its table's id and its name: two
   * of a database's objects share one with a chance of about n²/2^32 (a millionth for 100
   * objects), and OIDs stay below 2^31 so clients reading them as int4 see them positive.
   */
  /** A schema's pg_namespace OID: PostgreSQL's for the built-in ones, derived for CREATE SCHEMA's. */
  public static long namespace(String schema) {
    return switch (schema) {
      case "public" -> PUBLIC;
      case "pg_catalog" -> PG_CATALOG;
      case "pg_toast" -> PG_TOAST;
      case "information_schema" -> INFORMATION_SCHEMA;
      default -> derive("schema", "", schema);
    };
  }

  private static long derive(String kind, String tableId, String name) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest((kind + '\0' + tableId + '\0' + name).getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (digest[i] & 0xff);
      }
      return FIRST_USER + Math.floorMod(h, USER_RANGE);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
