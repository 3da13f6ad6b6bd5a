package io.s3vector.server.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import org.junit.jupiter.api.Test;

class FormatCodesTest {

  @Test
  void noneOneOrOnePerItem() {
    assertArrayEquals(new short[] {0, 0, 0}, FormatCodes.resolve(new short[0], 3, () -> "unused"));
    assertArrayEquals(new short[] {1, 1}, FormatCodes.resolve(new short[] {1}, 2, () -> "unused"));
    assertArrayEquals(new short[] {1, 0}, FormatCodes.resolve(new short[] {1, 0}, 2, () -> "unused"));
  }

  @Test
  void theMismatchMessageIsMadeOnlyForAMismatch() {
    int[] made = {0};
    FormatCodes.resolve(new short[] {0, 1}, 2, () -> "made " + ++made[0]);
    assertEquals(0, made[0]);
    PgException e = assertThrows(PgException.class,
        () -> FormatCodes.resolve(new short[] {0, 1}, 3, () -> "made " + ++made[0]));
    assertEquals("08P01", e.sqlState());
    assertEquals("made 1", e.getMessage());
  }

  @Test
  void anUnknownCodeIsRefused() {
    PgException e = assertThrows(PgException.class,
        () -> FormatCodes.resolve(new short[] {2}, 1, () -> "unused"));
    assertEquals("22023", e.sqlState());
    assertEquals("unsupported format code: 2", e.getMessage());
  }
}
