package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;

/** Reading fixed-size big-endian binary values, with PostgreSQL's error for a wrong length. */
final class BinaryInts {
  private BinaryInts() {}

  static ByteBuffer expect(byte[] bytes, int length, String type) {
    if (bytes.length != length) {
      throw new PgException(
          SqlState.INVALID_BINARY_REPRESENTATION,
          "incorrect binary data format in bind parameter of type " + type);
    }
    return ByteBuffer.wrap(bytes);
  }

  static PgException invalidText(String type, String text) {
    return new PgException(
        SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type " + type + ": \"" + text + "\"");
  }
}
