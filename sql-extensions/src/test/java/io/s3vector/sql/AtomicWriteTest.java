package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.table.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Serial values inside transaction blocks, atomic COPY and atomic COMMIT. */
class AtomicWriteTest extends SqlTestBase {

  /** It looks at the segment folders a commit leaves: the local folder only. */
  @Override
  boolean runsOnS3() {
    return false;
  }


  @Override
  StoreOptions options() {
    // small staged segments, so a COPY of 50,000 rows writes several before it fails
    return StoreOptions.builder().stagedSegmentBytes(256 << 10).build();
  }

  /** Segment folders in the store under the table's folder, named by a manifest or not. */
  /** The segments stored: objects of their own, and packs inside manifest versions. */
  private Set<String> segmentFolders(String table) {
    String prefix = Layout.tableDirectory(table) + "/";
    Set<String> ids = new TreeSet<>();
    List<String> keys = new java.util.ArrayList<>(db.store().list(prefix));
    keys.addAll(db.manifest().inline().keySet());
    for (String key : keys) {
      if (!key.startsWith(prefix)) {
        continue;
      }
      String segment = io.s3vector.storage.segment.SegmentPack.segmentOf(key.substring(prefix.length()));
      if (segment != null) {
        ids.add(segment);
      }
    }
    return ids;
  }

  private Set<String> visibleSegments(String table) {
    Set<String> ids = new TreeSet<>();
    for (SegmentRef segment : db.manifest().table(table).segments()) {
      ids.add(segment.id());
    }
    return ids;
  }

  private CopyIn startCopy(String sql) {
    CopyInStatement st = assertInstanceOf(CopyInStatement.class, session.prepare(sql, new int[0]));
    return st.start(session);
  }

  @Test
  void returningShowsSerialValuesInsideABlockAndRollbackDoesNotGiveThemBack() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, small serial, name text)");
    tag("INSERT INTO items (name) VALUES ('before')");
    tag("BEGIN");
    assertEquals(table("2|2|a", "3|3|b"),
        rows("INSERT INTO items (name) VALUES ('a'), ('b') RETURNING id, small, name"));
    assertEquals(table("10|4"), rows("INSERT INTO items (id, name) VALUES (10, 'explicit') RETURNING id, small"));
    assertEquals(table("1|before", "2|a", "3|b", "10|explicit"), rows("SELECT id, name FROM items ORDER BY id"));
    tag("COMMIT");
    assertEquals(table("1|before", "2|a", "3|b", "10|explicit"), rows("SELECT id, name FROM items ORDER BY id"));
    tag("BEGIN");
    String rolledBack = value("INSERT INTO items (name) VALUES ('gone') RETURNING id");
    tag("ROLLBACK");
    long next = Long.parseLong(value("INSERT INTO items (name) VALUES ('after') RETURNING id"));
    assertTrue(next > Long.parseLong(rolledBack), next + " after " + rolledBack);
    tag("BEGIN");
    long inBlock = Long.parseLong(value("INSERT INTO items (name) VALUES ('again') RETURNING id"));
    assertTrue(inBlock > next, inBlock + " after " + next);
    tag("COMMIT");
    assertEquals("6", value("SELECT count(*) FROM items"));
    assertEquals("0", value("SELECT count(*) FROM items WHERE name = 'gone'"));
  }

  @Test
  void copyInsideABlockNumbersRowsAtOnce() {
    tag("CREATE TABLE items (id bigserial, name text)");
    tag("BEGIN");
    CopyIn in = startCopy("COPY items (name) FROM STDIN");
    in.data("a\nb\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, in.done());
    assertEquals(table("1|a", "2|b"), rows("SELECT id, name FROM items ORDER BY id"));
    tag("COMMIT");
    assertEquals(table("1|a", "2|b"), rows("SELECT id, name FROM items ORDER BY id"));
  }

  @Test
  void aCopyThatFailsAtRow50000StoresNothing() {
    tag("CREATE TABLE items (id bigserial, category text, embedding vector(3))");
    tag("INSERT INTO items (category, embedding) VALUES ('kept', '[0,0,0]')");
    Set<String> before = segmentFolders("items");
    long version = db.manifest().version();
    CopyIn in = startCopy("COPY items (category, embedding) FROM STDIN");
    StringBuilder data = new StringBuilder();
    for (int i = 1; i < 50_000; i++) {
      data.append("c").append(i % 7).append("\t[").append(i).append(",1,2]\n");
      if (i % 5_000 == 0) {
        in.data(data.toString().getBytes(StandardCharsets.UTF_8));
        data.setLength(0);
      }
    }
    in.data(data.toString().getBytes(StandardCharsets.UTF_8));
    assertTrue(segmentFolders("items").size() > before.size() + 1,
        "segments were staged before the failure");
    PgException e = assertThrows(PgException.class,
        () -> in.data("bad\t[1,2]\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals("expected 3 dimensions, not 2", e.getMessage());
    in.fail("error"); // as the protocol layer does after an error
    assertEquals("1", value("SELECT count(*) FROM items"));
    assertEquals(before, visibleSegments("items"));
    assertEquals(before, segmentFolders("items"), "the staged segments are deleted");
    assertTrue(db.manifest().version() - version <= 2, "sequence reservations only");
    // the same COPY without the bad row stores all of it, with one commit for the rows
    CopyIn ok = startCopy("COPY items (category, embedding) FROM STDIN");
    data.setLength(0);
    for (int i = 1; i < 50_000; i++) {
      data.append("c").append(i % 7).append("\t[").append(i).append(",1,2]\n");
    }
    ok.data(data.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(49_999, ok.done());
    assertEquals("50000", value("SELECT count(*) FROM items"));
    assertEquals("50000", value("SELECT count(DISTINCT id) FROM items"));
    assertEquals(visibleSegments("items"), segmentFolders("items"));
  }

  @Test
  void aCopyFailWithoutAnErrorStoresNothingEither() {
    tag("CREATE TABLE items (id int, embedding vector(3))");
    CopyIn in = startCopy("COPY items FROM STDIN");
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 30_000; i++) {
      data.append(i).append("\t[1,2,3]\n");
    }
    in.data(data.toString().getBytes(StandardCharsets.UTF_8));
    assertTrue(!segmentFolders("items").isEmpty());
    assertEquals("COPY from stdin failed: cancelled", in.fail("cancelled").getMessage());
    assertEquals("0", value("SELECT count(*) FROM items"));
    assertEquals(Set.of(), segmentFolders("items"));
  }

  @Test
  void commitOfTwoTablesIsOneManifestVersionAndRollbackLeavesNoTrace() {
    tag("CREATE TABLE a (id int, v vector(2))");
    tag("CREATE TABLE b (name text)");
    long version = db.manifest().version();
    tag("BEGIN");
    tag("INSERT INTO a VALUES (1, '[1,1]'), (2, '[2,2]')");
    tag("INSERT INTO b VALUES ('x')");
    tag("INSERT INTO a VALUES (3, '[3,3]')");
    assertEquals(version, db.manifest().version());
    tag("ROLLBACK");
    assertEquals(version, db.manifest().version(), "a rollback writes nothing");
    assertEquals(Set.of(), segmentFolders("a"));
    assertEquals(Set.of(), segmentFolders("b"));
    assertEquals("0", value("SELECT count(*) FROM a"));

    tag("BEGIN");
    tag("INSERT INTO a VALUES (1, '[1,1]'), (2, '[2,2]')");
    tag("INSERT INTO b VALUES ('x')");
    CopyIn in = startCopy("COPY b FROM STDIN");
    in.data("y\nz\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, in.done());
    assertEquals(version, db.manifest().version());
    SqlSession other = engine.openSession("postgres", "postgres", Map.of());
    Statement count = other.prepare("SELECT count(*) FROM b", new int[0]);
    assertEquals(0L, ((QueryResult.Rows) other.execute(count, new Object[0])).cursor().next()[0]);
    tag("COMMIT");
    assertEquals(version + 1, db.manifest().version(), "both tables in one manifest version");
    assertEquals("2", value("SELECT count(*) FROM a"));
    assertEquals(table("x", "y", "z"), rows("SELECT name FROM b"));
    assertEquals(3L, ((QueryResult.Rows) other.execute(count, new Object[0])).cursor().next()[0]);
    other.close();
  }

  @Test
  void aCommitWhoseTableWasDroppedStoresNothing() {
    tag("CREATE TABLE a (id int)");
    tag("CREATE TABLE b (id int)");
    tag("BEGIN");
    tag("INSERT INTO a VALUES (1)");
    tag("INSERT INTO b VALUES (1)");
    StoreDatabase other = StoreDatabase.open(store());
    other.dropTable("b");
    other.close();
    db.manifest(); // (the drop is seen after the refresh interval or at the commit's re-read)
    PgException e = error("COMMIT");
    assertTrue(e.getMessage().contains("\"b\" does not exist"), e.getMessage());
    assertEquals(TransactionStatus.IDLE, session.transactionStatus());
    assertEquals("0", value("SELECT count(*) FROM a"));
    assertEquals(List.of(), List.copyOf(segmentFolders("a")));
  }
}
