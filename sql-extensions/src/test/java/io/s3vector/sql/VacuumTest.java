package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.segment.SegmentPack;
import org.junit.jupiter.api.Test;

/** VACUUM folds the small commits' packs into plain Zarr segments; ANALYZE is accepted. */
class VacuumTest extends SqlTestBase {

  private long packs(String table) {
    return db.manifest().table(table).segments().stream().map(SegmentRef::id)
        .filter(SegmentPack::isPacked).count();
  }

  @Test
  void vacuumRewritesPacksAsZarrAndKeepsEveryRow() {
    tag("CREATE TABLE items (id int PRIMARY KEY, embedding vector(2))");
    tag("INSERT INTO items VALUES (1, '[1,1]'), (2, '[2,2]')");
    tag("INSERT INTO items VALUES (3, '[3,3]')");
    tag("DELETE FROM items WHERE id = 2");
    assertTrue(packs("items") > 0, "small commits are packs");
    assertEquals("VACUUM", tag("VACUUM items"));
    assertEquals(0, packs("items"));
    assertEquals(table("1", "3"), rows("SELECT id FROM items ORDER BY id"));
    assertEquals("1", value("SELECT id FROM items ORDER BY embedding <-> '[0,0]' LIMIT 1"));
    tag("INSERT INTO items VALUES (4, '[4,4]')");
    assertEquals("VACUUM", tag("VACUUM (VERBOSE, ANALYZE) public.items"));
    assertEquals("VACUUM", tag("VACUUM FULL"));
    assertEquals(0, packs("items"));
    assertEquals("ANALYZE", tag("ANALYZE items"));
    assertError("42P01", "relation \"nosuch\" does not exist", "VACUUM nosuch");
    tag("BEGIN");
    assertError("25001", "VACUUM cannot run inside a transaction block", "VACUUM items");
    tag("ROLLBACK");
  }
}
