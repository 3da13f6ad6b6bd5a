package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EXPLAIN (ANALYZE) shows what a query read, per tier, under its scan; FORMAT JSON says the same
 * in PostgreSQL's shape; s3vector_stat_io keeps the totals.
 */
class ExplainAnalyzeTest extends SqlTestBase {
  private static final Pattern STORE =
      Pattern.compile("Object Store: reads=(\\d+) \\(.*\\) requests=(\\d+) rounds=(\\d+) wait=[0-9.]+ ms");
  private static final Pattern L1 = Pattern.compile("Cache L1: hits=(\\d+) .*");

  /** Plain Zarr segments (not packs): the reads under the scan are the attributes and chunks. */
  @Override
  io.s3vector.storage.table.StoreOptions options() {
    return io.s3vector.storage.table.StoreOptions.builder().packSmallSegments(false).build();
  }

  @BeforeEach
  void table() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, category text, embedding vector(3))");
    tag("INSERT INTO items (category, embedding) VALUES ('a', '[1,2,3]'), ('b', '[4,5,6]'), ('a', '[7,8,9]')");
  }

  private List<String> explain(String sql) {
    return rows(sql).stream().map(r -> r.get(0)).toList();
  }

  private static Matcher find(List<String> lines, Pattern pattern) {
    for (String line : lines) {
      Matcher m = pattern.matcher(line.strip());
      if (m.matches()) {
        return m;
      }
    }
    throw new AssertionError("no line matches " + pattern + " in\n" + String.join("\n", lines));
  }

  @Test
  void analyzeShowsTheReadsUnderTheScan() {
    // the first run reads the segment's chunks from the store (its attributes stayed in memory
    // when this server wrote it)
    List<String> first = explain("EXPLAIN (ANALYZE) SELECT id FROM items ORDER BY embedding <-> '[1,1,1]' LIMIT 2");
    int scan = -1;
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i).strip().startsWith("ExactTopKScan")) {
        scan = i;
      }
    }
    assertTrue(scan >= 0, String.join("\n", first));
    assertTrue(first.get(scan + 1).strip().startsWith("Cache L1:"), "under the scan:\n" + String.join("\n", first));
    Matcher store = find(first, STORE);
    assertTrue(Integer.parseInt(store.group(1)) >= 1, "at least one chunk");
    assertEquals(1, Integer.parseInt(store.group(3)), "the chunks, in one round");
    assertTrue(first.contains("Rows: 2"), String.join("\n", first));
    // the second run is served by the in-process cache (unless the suite runs with it off)
    List<String> second = explain("EXPLAIN ANALYZE SELECT id FROM items ORDER BY embedding <-> '[1,1,1]' LIMIT 2");
    if (db.tiers().l1Stats().maxBytes() > 0) {
      assertEquals("0", find(second, STORE).group(3), String.join("\n", second));
      assertTrue(Integer.parseInt(find(second, L1).group(1)) >= 2, String.join("\n", second));
    } else {
      // segment attributes stay in memory whatever the cache size: only the chunks are read again
      assertEquals("1", find(second, STORE).group(3), String.join("\n", second));
    }
  }

  @Test
  void formatJsonIsOneDocumentInPostgresShape() throws Exception {
    List<List<String>> rows = rows("EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM items WHERE category = 'a'");
    assertEquals(1, rows.size());
    JsonNode root = new ObjectMapper().readTree(rows.get(0).get(0));
    assertTrue(root.isArray());
    JsonNode plan = root.get(0).get("Plan");
    assertEquals("LogicalProject", plan.get("Node Type").asText());
    assertEquals("StoreScan", plan.at("/Plans/0/Plans/0/Node Type").asText(), plan.toString());
    assertEquals(2, root.get(0).get("Actual Rows").asLong());
    JsonNode io = root.get(0).get("Storage I/O");
    assertTrue(io.get("Object Store Rounds").asLong() >= 1, io.toString());
    assertTrue(io.has("Redis Hits") && io.has("L1 Hits") && io.has("Object Store Wait Time"), io.toString());
    // without ANALYZE: the plan only
    JsonNode plain = new ObjectMapper().readTree(value("EXPLAIN (FORMAT JSON) SELECT id FROM items"));
    assertTrue(plain.get(0).has("Plan") && !plain.get(0).has("Storage I/O"));
  }

  @Test
  void explainOptionsErrorsAsPostgres() {
    assertError("42601", "unrecognized EXPLAIN option \"bogus\"", "EXPLAIN (bogus) SELECT 1");
    assertError("22023", "unrecognized value for EXPLAIN option \"format\": \"html\"",
        "EXPLAIN (FORMAT html) SELECT 1");
    assertError("0A000", "EXPLAIN (FORMAT XML) is not supported", "EXPLAIN (FORMAT xml) SELECT 1");
    assertTrue(rows("EXPLAIN (VERBOSE, COSTS OFF) SELECT id FROM items").size() > 0, "accepted, ignored");
  }

  @Test
  void statIoKeepsTheTotalsPerTier() {
    rows("SELECT * FROM items");
    List<List<String>> before = rows("SELECT tier, served, bytes, requests, rounds FROM s3vector_stat_io ORDER BY tier");
    assertEquals(List.of("l1", "object_store", "redis"), before.stream().map(r -> r.get(0)).toList());
    long storeReads = Long.parseLong(before.get(1).get(1));
    assertTrue(storeReads > 0, before.toString());
    assertEquals(null, before.get(0).get(3), "requests are the store's");
    tag("INSERT INTO items (category, embedding) VALUES ('c', '[0,0,1]')");
    rows("SELECT * FROM items");
    long after = Long.parseLong(value("SELECT served FROM s3vector_stat_io WHERE tier = 'object_store'"));
    assertTrue(after > storeReads, "live totals: " + after + " after " + storeReads);
  }

  @Test
  void statMemoryReportsTheHeap() {
    for (String view : List.of("s3vector_stat_memory", "s3vector_stat_memory_after_gc")) {
      List<List<String>> rows = rows("SELECT heap_used, heap_committed, heap_max FROM " + view);
      assertEquals(1, rows.size(), view);
      long used = Long.parseLong(rows.get(0).get(0));
      long committed = Long.parseLong(rows.get(0).get(1));
      assertTrue(used > 0 && used <= committed, view + ": " + rows);
      assertTrue(rows.get(0).get(2) == null || Long.parseLong(rows.get(0).get(2)) >= committed, view + ": " + rows);
    }
  }
}
