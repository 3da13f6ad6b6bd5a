package io.s3vector.sql.types;

import java.nio.charset.StandardCharsets;

/**
 * The character types that share one wire form, UTF-8 text in both formats: {@code text},
 * {@code varchar}, {@code bpchar}, {@code name}, {@code json} and {@code unknown} (the type of an
 * untyped literal).
 */
public final class StringType extends PgType {
  public static final StringType TEXT = new StringType(TypeDescription.base(25, "text", -1)
      .category('S').preferred().array(1009).collatable());
  public static final StringType VARCHAR = new StringType(TypeDescription.base(1043, "varchar", -1)
      .category('S').array(1015).typmod("varchartypmodin", "varchartypmodout").collatable()
      .display("character varying"));
  public static final StringType BPCHAR = new StringType(TypeDescription.base(1042, "bpchar", -1)
      .category('S').array(1014).typmod("bpchartypmodin", "bpchartypmodout").collatable()
      .display("character"));
  /** {@code name}: 64 bytes, its elements are "char"s, and it sorts in the C collation (950). */
  public static final StringType NAME = new StringType(TypeDescription.base(19, "name", 64)
      .category('S').elem(18).array(1003).align('c').collation(950));
  /**
   * {@code "char"}: one byte, the type of the catalogs' kind columns (relkind, typtype, contype).
   * asyncpg reads it as bytes and compares {@code typtype} with {@code b'b'}.
   */
  public static final StringType CHAR = new StringType(TypeDescription.base(18, "char", 1)
      .category('Z').array(1002).align('c').display("\"char\""));
  public static final StringType JSON = new StringType(TypeDescription.base(114, "json", -1)
      .array(199).io("json_in", "json_out", "json_recv", "json_send"));
  public static final StringType UNKNOWN = new StringType(TypeDescription.base(705, "unknown", -2)
      .pseudo().category('X').align('c').storage('p'));

  private StringType(TypeDescription.Builder description) {
    super(description);
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Object decodeText(String text) {
    return text;
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
