package io.s3vector.sql.catalog;

/**
 * The types a sequence counts in ({@code CREATE SEQUENCE ... AS}): their names as PostgreSQL prints
 * them, pg_type OIDs, precision in bits (information_schema) and ranges.
 */
public enum SequenceType {
  SMALLINT("smallint", 21, 16, Short.MIN_VALUE, Short.MAX_VALUE),
  INTEGER("integer", 23, 32, Integer.MIN_VALUE, Integer.MAX_VALUE),
  BIGINT("bigint", 20, 64, Long.MIN_VALUE, Long.MAX_VALUE);

  private final String sqlName;
  private final long oid;
  private final int bits;
  private final long min;
  private final long max;

  SequenceType(String sqlName, long oid, int bits, long min, long max) {
    this.sqlName = sqlName;
    this.oid = oid;
    this.bits = bits;
    this.min = min;
    this.max = max;
  }

  public String sqlName() {
    return sqlName;
  }

  public long oid() {
    return oid;
  }

  public int bits() {
    return bits;
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  /** The type of a name as AS takes it (int2, int, int4, int8 too), or null for another type. */
  public static SequenceType written(String name) {
    return switch (name) {
      case "smallint", "int2" -> SMALLINT;
      case "integer", "int", "int4" -> INTEGER;
      case "bigint", "int8" -> BIGINT;
      default -> null;
    };
  }

  /** The type of a serial or identity column's sequence: its column's. */
  public static SequenceType of(io.s3vector.storage.table.ColumnType column) {
    return switch (column) {
      case INT2 -> SMALLINT;
      case INT4 -> INTEGER;
      default -> BIGINT;
    };
  }

  /** The type a sequence keeps by its printed name (bigint for any other). */
  public static SequenceType of(String sqlName) {
    SequenceType t = written(sqlName);
    return t == null ? BIGINT : t;
  }
}
