package io.s3vector.sql.types;

/**
 * One PostgreSQL type: its OID and name as clients see them, and its text and binary wire forms.
 * Stateless singletons, one class per type, registered in {@link PgTypes}; each describes itself
 * ({@link TypeDescription}: category, array and element types, namespace, display name, I/O
 * functions), and the same objects feed {@code pg_type}, so the wire and the catalog cannot
 * disagree.
 *
 * <p>Java classes of values: bool Boolean, int2 Short, int4 Integer, int8 Long, float4 Float,
 * float8 Double, numeric BigDecimal, text/varchar/name/jsonb/unknown/uuid String, timestamp
 * LocalDateTime, timestamptz Instant (printed in the session time zone UTC), vector and float4[]
 * float[], oid Long.
 */
public abstract class PgType {
  private final int oid;
  private final String name;
  private final short typlen;
  private final TypeDescription description;

  /** A type described by itself: what pg_type and format_type say of it. */
  protected PgType(TypeDescription.Builder description) {
    this(description.build());
  }

  private PgType(TypeDescription description) {
    this.oid = description.oid();
    this.name = description.name();
    this.typlen = description.typlen();
    this.description = description;
  }

  /** A type with PostgreSQL's defaults for a base type of pg_catalog (category 'U'). */
  protected PgType(int oid, String name, int typlen) {
    this(TypeDescription.base(oid, name, typlen));
  }

  /** What pg_type says of this type. */
  public final TypeDescription description() {
    return description;
  }

  /** The name format_type prints without a typmod: "bigint", "vector", "real[]". */
  public final String displayName() {
    return description.displayName();
  }

  public final int oid() {
    return oid;
  }

  /** The {@code typname}, e.g. "int8", "vector". */
  public final String name() {
    return name;
  }

  /** The {@code typlen}: bytes of the fixed-size form, or -1 for variable length. */
  public final short typlen() {
    return typlen;
  }

  /** The text form PostgreSQL prints (DataRow in text format, psql output). */
  public abstract String encodeText(Object value);

  /** The binary form (DataRow in binary format). */
  public abstract byte[] encodeBinary(Object value);

  /** Reads the text form (Bind parameter in text format); bad input raises PgException 22P02. */
  public abstract Object decodeText(String text);

  /** Reads the binary form (Bind parameter in binary format); bad input raises PgException. */
  public abstract Object decodeBinary(byte[] bytes);

  /** Whether {@link #encodeBinary}/{@link #decodeBinary} are supported. */
  public boolean supportsBinary() {
    return true;
  }

  @Override
  public String toString() {
    return name;
  }
}
