package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.charset.StandardCharsets;

/** {@code jsonb}, kept as its text: binary form is a version byte (1) and the text. */
public final class JsonbType extends PgType {
  public static final JsonbType INSTANCE = new JsonbType();

  private JsonbType() {
    super(TypeDescription.base(3802, "jsonb", -1).array(3807)
        .io("jsonb_in", "jsonb_out", "jsonb_recv", "jsonb_send"));
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
    // jsonb_in: validated and kept in jsonb's normal form (key order, spacing, numbers).
    return io.s3vector.sql.functions.JsonbText.normalise(text);
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != 1) {
      throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "unsupported jsonb version number");
    }
    return decodeText(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
  }
}
