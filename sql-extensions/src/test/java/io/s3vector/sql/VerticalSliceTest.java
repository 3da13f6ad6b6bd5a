package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The user's view from the design brief, end to end through the SQL API. */
class VerticalSliceTest extends SqlTestBase {

  @Test
  void designBriefSession() {
    assertEquals("CREATE EXTENSION", tag("CREATE EXTENSION IF NOT EXISTS vector"));
    assertEquals("CREATE TABLE", tag(
        "CREATE TABLE items (id bigserial PRIMARY KEY, category text, embedding vector(3))"));
    assertEquals("INSERT 0 2", tag(
        "INSERT INTO items (category, embedding) VALUES ('a', '[1,2,3]'), ('b', '[4,5,6]')"));
    assertEquals(table("1|a|[1,2,3]", "2|b|[4,5,6]"), rows("SELECT * FROM items ORDER BY id"));
    assertEquals(table("1|2.449489742783178"), rows(
        "SELECT id, embedding <-> '[3,1,2]' AS dist FROM items WHERE category = 'a'"
            + " ORDER BY embedding <-> '[3,1,2]' LIMIT 5"));
    assertEquals("SET", tag("SET hnsw.ef_search = 100"));
    assertEquals("100", value("SHOW hnsw.ef_search"));
  }
}
