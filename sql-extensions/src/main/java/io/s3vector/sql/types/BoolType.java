package io.s3vector.sql.types;

import java.util.Locale;

/** {@code bool}: text "t"/"f", binary one byte. */
public final class BoolType extends PgType {
  public static final BoolType INSTANCE = new BoolType();

  private BoolType() {
    super(TypeDescription.base(16, "bool", 1).byValue().category('B').preferred().array(1000)
        .align('c').display("boolean"));
  }

  @Override
  public String encodeText(Object value) {
    return ((Boolean) value) ? "t" : "f";
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return new byte[] {(byte) (((Boolean) value) ? 1 : 0)};
  }

  @Override
  public Object decodeText(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "t", "true", "y", "yes", "on", "1" -> {
        return Boolean.TRUE;
      }
      case "f", "false", "n", "no", "off", "0" -> {
        return Boolean.FALSE;
      }
      default -> throw BinaryInts.invalidText("boolean", text);
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return BinaryInts.expect(bytes, 1, "boolean").get() != 0;
  }
}
