package io.s3vector.server.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Bind's format code lists, which come in three shapes: none (all text), one (for all), or one per
 * item. Resolves them to one code per item.
 */
final class FormatCodes {
  private FormatCodes() {}

  /**
   * @param mismatchMessage the error when the list has neither 0, 1 nor {@code count} codes (made
   *     only then: every Bind resolves two lists)
   */
  static short[] resolve(short[] codes, int count, Supplier<String> mismatchMessage) {
    short[] resolved = new short[count];
    if (codes.length == 1) {
      Arrays.fill(resolved, codes[0]);
    } else if (codes.length == count) {
      System.arraycopy(codes, 0, resolved, 0, count);
    } else if (codes.length != 0) {
      throw new PgException(SqlState.PROTOCOL_VIOLATION, mismatchMessage.get());
    }
    for (short c : resolved) {
      if (c != 0 && c != 1) {
        throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "unsupported format code: " + c);
      }
    }
    return resolved;
  }
}
