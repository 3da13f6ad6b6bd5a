package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** interval_in and interval_out as PostgreSQL 15 (IntervalStyle postgres) read and print them. */
class PgIntervalTest {

  private static String io(String text) {
    return PgInterval.parse(text).toString();
  }

  @Test
  void readsAndPrintsAsPostgres() {
    assertEquals("1 day", io("1 day"));
    assertEquals("7 days 02:00:00", io("7 days 02:00"));
    assertEquals("01:30:00", io("1.5 hours"));
    assertEquals("-14 days", io("-2 weeks"));
    assertEquals("1 year 2 mons", io("1 year 2 months"));
    assertEquals("-3 days", io("@ 3 days ago"));
    assertEquals("1 year 2 mons 3 days 04:05:06", io("P1Y2M3DT4H5M6S"));
    assertEquals("00:00:00", io("0"));
    assertEquals("-1 days +02:00:00", io("-1 day +2 hours"));
    assertEquals("1 day -02:00:00", io("1 day -2 hours"));
    assertEquals("1 mon 15 days", io("1.5 months"));
    assertEquals("00:00:00.1", io("100 ms"));
    assertEquals("22007", assertThrows(PgException.class, () -> PgInterval.parse("abc")).sqlState());
  }

  @Test
  void comparesAsIntervalCmpAndShiftsTimestampsByFieldsInOrder() {
    assertEquals(0, PgInterval.parse("1 mon").compareTo(PgInterval.parse("30 days")));
    assertEquals(1, Integer.signum(PgInterval.parse("25 hours").compareTo(PgInterval.parse("1 day"))));
    assertEquals(LocalDateTime.of(2024, 2, 29, 10, 0),
        PgInterval.parse("1 month").addTo(LocalDateTime.of(2024, 1, 31, 10, 0)));
    assertEquals("59 days 12:00:00", PgInterval.between(LocalDateTime.of(2024, 3, 1, 12, 0),
        LocalDateTime.of(2024, 1, 2, 0, 0)).toString());
    assertEquals("2 days 12:00:00", PgInterval.parse("1 day").times(2.5).toString());
  }

  @Test
  void binaryIsMicrosDaysMonths() {
    PgInterval v = PgInterval.parse("1 year 2 days 00:00:01");
    assertEquals(v.toString(), IntervalType.INSTANCE.decodeBinary(IntervalType.INSTANCE.encodeBinary(v)).toString());
  }
}
