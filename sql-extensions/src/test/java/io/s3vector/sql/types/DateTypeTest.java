package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateTypeTest {

  @Test
  void readsIsoAndCompactFormsAndRefusesOthersAsDateIn() {
    assertEquals(LocalDate.of(2024, 2, 29), DateType.parse("2024-02-29"));
    assertEquals(LocalDate.of(2024, 3, 1), DateType.parse("20240301"));
    assertEquals(LocalDate.of(2024, 5, 6), DateType.parse("2024-05-06 07:08"));
    assertEquals("22008", assertThrows(PgException.class, () -> DateType.parse("2024-02-30")).sqlState());
    assertEquals("22007", assertThrows(PgException.class, () -> DateType.parse("soon")).sqlState());
  }

  @Test
  void textIsIsoAndBinaryCountsDaysFrom2000() {
    DateType t = DateType.INSTANCE;
    assertEquals("0999-01-02", t.encodeText(LocalDate.of(999, 1, 2)));
    assertEquals(java.util.HexFormat.of().formatHex(t.encodeBinary(LocalDate.of(2000, 1, 2))), "00000001");
    assertEquals(LocalDate.of(1999, 12, 31), t.decodeBinary(new byte[] {-1, -1, -1, -1}));
  }
}
