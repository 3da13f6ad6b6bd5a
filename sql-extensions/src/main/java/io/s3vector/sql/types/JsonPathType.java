package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.charset.StandardCharsets;

/**
 * {@code jsonpath} (OID 4072), kept as its normalised text (the binder's input function parses
 * and prints it); binary form is a version byte (1) and the text, as jsonpath_send.
 */
public final class JsonPathType extends PgType {
  public static final JsonPathType INSTANCE = new JsonPathType();

  private JsonPathType() {
    super(TypeDescription.base(4072, "jsonpath", -1).array(4073)
        .io("jsonpath_in", "jsonpath_out", "jsonpath_recv", "jsonpath_send"));
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 1];
    out[0] = 1;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  @Override
  public Object decodeText(String text) {
    return text;
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != 1) {
      throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonpath version number: "
          + (bytes.length == 0 ? 0 : bytes[0]));
    }
    return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
  }
}
