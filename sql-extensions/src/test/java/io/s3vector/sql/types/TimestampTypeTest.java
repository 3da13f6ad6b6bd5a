package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class TimestampTypeTest {
  @Test
  void ignoresTheZoneOfPgjdbcTimestampParameters() {
    assertEquals(
        LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
        TimestampType.INSTANCE.decodeText("2024-02-29 13:14:15.123456+00"));
    assertEquals(
        LocalDateTime.of(2024, 2, 29, 13, 14, 15),
        TimestampType.INSTANCE.decodeText("2024-02-29 13:14:15-05:30"));
  }

  @Test
  void readsDatesAndTimesWithoutZone() {
    assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), TimestampType.INSTANCE.decodeText("2024-02-29"));
    assertEquals(
        LocalDateTime.of(2024, 2, 29, 13, 14), TimestampType.INSTANCE.decodeText("2024-02-29T13:14"));
  }

  @Test
  void printsLikePostgres() {
    assertEquals(
        "2024-02-29 13:14:15.5",
        TimestampType.INSTANCE.encodeText(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000)));
    assertEquals(
        "2024-02-29 13:14:15", TimestampType.INSTANCE.encodeText(LocalDateTime.of(2024, 2, 29, 13, 14, 15)));
  }

  @Test
  void rejectsGarbageWithPostgresError() {
    PgException e = assertThrows(PgException.class, () -> TimestampType.INSTANCE.decodeText("soon"));
    assertEquals("22007", e.sqlState());
    assertEquals("invalid input syntax for type timestamp without time zone: \"soon\"", e.getMessage());
  }
}
