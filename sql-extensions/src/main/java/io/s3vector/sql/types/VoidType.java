package io.s3vector.sql.types;

/**
 * {@code void} (OID 2278), the pseudo-type of functions that return nothing, e.g. {@code
 * pg_advisory_lock}: its only value prints as the empty string.
 */
public final class VoidType extends PgType {
  public static final VoidType INSTANCE = new VoidType();

  private VoidType() {
    super(TypeDescription.base(2278, "void", 4).byValue().pseudo().category('P')
        .io("void_in", "void_out", "void_recv", "void_send"));
  }

  @Override
  public String encodeText(Object value) {
    return "";
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return new byte[0];
  }

  @Override
  public Object decodeText(String text) {
    return "";
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return "";
  }
}
