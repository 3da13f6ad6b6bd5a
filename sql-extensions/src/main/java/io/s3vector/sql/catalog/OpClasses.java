package io.s3vector.sql.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The operator classes pg_opclass lists, from {@code pg_opclass.txt} (a dump of PostgreSQL 15 +
 * pgvector): every built-in class (btree, hash, gin, gist, brin, spgist) and pgvector's.
 */
public final class OpClasses {
  /** One operator class. */
  public record OpClass(long oid, long method, String name, long namespace, long family,
      long inputType, boolean isDefault, long keyType) {}

  private static final List<OpClass> ALL;

  static {
    List<OpClass> all = new ArrayList<>();
    for (String line : Resources.lines("pg_opclass.txt")) {
      String[] f = line.split("\\|", -1);
      all.add(new OpClass(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], Long.parseLong(f[3]),
          Long.parseLong(f[4]), Long.parseLong(f[5]), f[6].equals("t"), Long.parseLong(f[7])));
    }
    ALL = Collections.unmodifiableList(all);
  }

  private OpClasses() {}

  public static List<OpClass> all() {
    return ALL;
  }

  public static OpClass byOid(long oid) {
    for (OpClass c : ALL) {
      if (c.oid() == oid) {
        return c;
      }
    }
    return null;
  }

  /** The class of this name for an access method, or null. */
  public static OpClass byName(long method, String name) {
    for (OpClass c : ALL) {
      if (c.method() == method && c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** The default btree class for a column type (PRIMARY KEY and UNIQUE indexes), or null. */
  public static OpClass btreeDefault(long typeOid) {
    return defaultFor(Oids.BTREE, typeOid);
  }

  /**
   * The default class of an access method for a column type, or null; varchar columns use the
   * text classes (their values are compared as text), as in PostgreSQL.
   */
  public static OpClass defaultFor(long method, long typeOid) {
    long type = typeOid == 1043 ? 25 : typeOid;
    for (OpClass c : ALL) {
      if (c.method() == method && c.inputType() == type && c.isDefault()) {
        return c;
      }
    }
    return null;
  }
}
