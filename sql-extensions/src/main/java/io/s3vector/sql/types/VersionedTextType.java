package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.charset.StandardCharsets;

/**
 * A type kept as its text whose binary form is a version byte (1) and the UTF-8 text, as
 * PostgreSQL's jsonb_send and jsonpath_send write them. The text input decides the value.
 */
abstract class VersionedTextType extends PgType {
  /** The version-number error's text, e.g. "unsupported jsonb version number". */
  private final String versionError;

  VersionedTextType(TypeDescription.Builder description, String versionError) {
    super(description);
    this.versionError = versionError;
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
  public Object decodeBinary(byte[] bytes) {
    if (bytes.length == 0 || bytes[0] != 1) {
      throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, versionError);
    }
    return decodeText(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
  }
}
