package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The statements pg_dump writes for a pgvector database (sequences aside), as PostgreSQL takes them. */
class PgDumpStatementsTest extends SqlTestBase {

  @Test
  void commentOnExtensionTakesTheExtensionsOwnComment() {
    assertEquals("COMMENT",
        tag("COMMENT ON EXTENSION vector IS 'vector data type and ivfflat and hnsw access methods'"));
    assertEquals("COMMENT", tag("COMMENT ON EXTENSION plpgsql IS 'PL/pgSQL procedural language'"));
    assertEquals("vector data type and ivfflat and hnsw access methods",
        value("SELECT obj_description(oid, 'pg_extension') FROM pg_extension WHERE extname = 'vector'"));
    assertError("42704", "extension \"nosuch\" does not exist", "COMMENT ON EXTENSION nosuch IS 'x'");
    assertError("42704", "extension \"Vector\" does not exist", "COMMENT ON EXTENSION \"Vector\" IS 'x'");
    assertError("0A000", "changing the comment of extension \"vector\" is not supported yet: it stays"
        + " \"vector data type and ivfflat and hnsw access methods\"", "COMMENT ON EXTENSION vector IS 'mine'");
    assertError("0A000", "changing the comment of extension \"vector\" is not supported yet: it stays"
        + " \"vector data type and ivfflat and hnsw access methods\"", "COMMENT ON EXTENSION vector IS NULL");
    assertError("42601", "syntax error at or near \"x\"", "COMMENT ON EXTENSION vector IS 'a' x");
  }
}
