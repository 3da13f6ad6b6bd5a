package io.s3vector.sql.types;

import java.nio.charset.StandardCharsets;

/**
 * The character types that share one wire form, UTF-8 text in both formats: {@code text},
 * {@code varchar}, {@code bpchar}, {@code name}, {@code json} and {@code unknown} (the type of an
 * untyped literal).
 */
public final class StringType extends PgType {
  public static final StringType TEXT = new StringType(25, "text", -1);
  public static final StringType VARCHAR = new StringType(1043, "varchar", -1);
  public static final StringType BPCHAR = new StringType(1042, "bpchar", -1);
  public static final StringType NAME = new StringType(19, "name", 64);
  public static final StringType JSON = new StringType(114, "json", -1);
  public static final StringType UNKNOWN = new StringType(705, "unknown", -2);

  private StringType(int oid, String name, int typlen) {
    super(oid, name, typlen);
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
