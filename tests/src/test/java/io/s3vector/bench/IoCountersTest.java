package io.s3vector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The per-query I/O figures: differences of two readings of s3vector_stat_io, and their report. */
class IoCountersTest {

  @Test
  void perQueryFiguresAreTheDifferenceSpreadOverTheQueries() {
    IoCounters before = new IoCounters(100, 10, 5, 4_000, 3, 2, 1.5);
    IoCounters after = new IoCounters(160, 30, 25, 84_000, 13, 7, 11.5);
    IoCounters delta = after.minus(before);
    assertEquals(new IoCounters(60, 20, 20, 80_000, 10, 5, 10.0), delta);

    IoPerQuery io = delta.perQuery(10);
    assertEquals(1.0, io.storeRequests());
    assertEquals(8_000.0, io.storeBytes());
    assertEquals(0.5, io.storeRounds());
    assertEquals(1.0, io.storeWaitMs());
    assertEquals(0.6, io.l1HitRate(), 1e-12, "60 of the 100 values read");
    assertEquals(0.2, io.redisHitRate(), 1e-12, "20 of the 100 values read");
  }

  @Test
  void hitRatesAreUndefinedWhenNothingWasRead() {
    IoPerQuery io = new IoCounters(0, 0, 0, 0, 0, 0, 0).perQuery(5);
    assertEquals(0.0, io.storeRequests());
    assertTrue(Double.isNaN(io.l1HitRate()));
    assertTrue(Double.isNaN(io.redisHitRate()));
    assertEquals("-", Report.rate(io.l1HitRate()));
    assertThrows(IllegalArgumentException.class, () -> new IoCounters(0, 0, 0, 0, 0, 0, 0).perQuery(0));
  }

  @Test
  void theReportShowsTheFiguresOrNaWithoutTheView() {
    IoPerQuery ours = new IoPerQuery(12.5, 2_345_678, 1.5, 0.25, 0.75, 0.125);
    Workload.Result result = new Workload.Result("jdbc:postgresql://h/db", "v", 1, 1, 1, 1, "none", Double.NaN, 1,
        "n/a", -1, "n/a", Optional.empty(),
        List.of(new Workload.SearchResult(1, "-", 1, 100, 1, 2, Optional.of(ours)),
            new Workload.SearchResult(8, "40", 1, 100, 1, 2, Optional.empty())),
        List.of());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Report.printIo(new PrintStream(bytes, true, StandardCharsets.UTF_8), result);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(1).startsWith("| clients | ef_search | store requests/query"), lines.toString());
    assertEquals("| 1 | - | 12.50 | 2.35 MB | 1.50 | 0.250 | 75.0% | 12.5% |", lines.get(3));
    assertEquals("| 8 | 40 | n/a | n/a | n/a | n/a | n/a | n/a |", lines.get(4));
  }

  @Test
  void bytesAreShownInTheirOwnScale() {
    assertEquals("512 B", Report.bytes(512));
    assertEquals("51.2 kB", Report.bytes(51_200));
    assertEquals("5.12 MB", Report.bytes(5_120_000));
  }
}
