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

  @Test
  void ownerToIsCheckedAndChangesNothing() {
    script("CREATE TABLE owned (id bigserial PRIMARY KEY, embedding vector(3));"
        + "CREATE INDEX owned_hnsw ON owned USING hnsw (embedding vector_l2_ops)");
    assertEquals("ALTER TABLE", tag("ALTER TABLE public.owned OWNER TO postgres"));
    assertEquals("ALTER TABLE", tag("ALTER TABLE ONLY owned OWNER TO CURRENT_USER"));
    assertEquals("ALTER TABLE", tag("ALTER TABLE owned OWNER TO pg_database_owner"));
    assertEquals("ALTER TABLE", tag("alter table owned owner to session_user;"));
    assertEquals("ALTER TABLE", tag("ALTER TABLE public.owned_id_seq OWNER TO postgres"));
    assertEquals("ALTER TABLE", tag("ALTER TABLE owned_hnsw OWNER TO postgres"));
    assertEquals("ALTER INDEX", tag("ALTER INDEX public.owned_hnsw OWNER TO postgres"));
    assertEquals("ALTER INDEX", tag("ALTER INDEX owned_pkey OWNER TO current_role"));
    assertEquals("ALTER SCHEMA", tag("ALTER SCHEMA public OWNER TO postgres"));
    assertEquals("ALTER TABLE", tag("ALTER TABLE IF EXISTS nosuch OWNER TO postgres"));
    assertEquals("ALTER INDEX", tag("ALTER INDEX IF EXISTS nosuch.i OWNER TO postgres"));
    assertEquals("postgres", value("SELECT tableowner FROM pg_tables WHERE tablename = 'owned'"));
  }

  @Test
  void ownerToAnswersPostgresErrorsInItsOrder() {
    script("CREATE TABLE owned (id int); CREATE SCHEMA other");
    assertError("42704", "role \"nosuch\" does not exist", "ALTER TABLE owned OWNER TO nosuch");
    assertError("42704", "role \"Postgres\" does not exist", "ALTER TABLE owned OWNER TO \"Postgres\"");
    assertError("42704", "role \"public\" does not exist", "ALTER TABLE owned OWNER TO public");
    assertError("42704", "role \"current_user\" does not exist",
        "ALTER TABLE owned OWNER TO \"current_user\"");
    assertError("42P01", "relation \"nosuch\" does not exist", "ALTER TABLE nosuch OWNER TO nosuchrole");
    assertError("42P01", "relation \"public.nosuch\" does not exist", "ALTER TABLE public.nosuch OWNER TO postgres");
    assertError("42P01", "relation \"other.owned\" does not exist", "ALTER TABLE other.owned OWNER TO postgres");
    assertError("3F000", "schema \"nosuch\" does not exist", "ALTER TABLE nosuch.owned OWNER TO postgres");
    assertError("42809", "\"owned\" is not an index", "ALTER INDEX owned OWNER TO postgres");
    assertError("42501", "permission denied: \"pg_class\" is a system catalog",
        "ALTER TABLE pg_class OWNER TO nosuch");
    assertError("42704", "role \"nosuch\" does not exist", "ALTER SCHEMA nosuch OWNER TO nosuch");
    assertError("3F000", "schema \"nosuch\" does not exist", "ALTER SCHEMA nosuch OWNER TO postgres");
    assertEquals("ALTER SCHEMA", tag("ALTER SCHEMA other OWNER TO postgres"));
    assertError("42601", "syntax error at or near \"x\"", "ALTER TABLE owned OWNER TO postgres x");
  }

  @Test
  void pgvectorNamesQualifiedByTheirSchema() {
    assertEquals("CREATE TABLE", tag("CREATE TABLE qualified (id int, embedding public.vector(3),"
        + " any_dim public.vector, n pg_catalog.int4)"));
    assertEquals("vector(3)", value("SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
        + " WHERE attrelid = 'qualified'::regclass AND attname = 'embedding'"));
    tag("INSERT INTO qualified VALUES (1, '[1,2,3]'::public.vector, '[1,2]'::public.vector(2), 7)");
    assertEquals("[1,2,3]", value("SELECT embedding FROM qualified"));
    assertEquals("[1,2]", value("SELECT CAST('[1,2]' AS public.vector)"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX qualified_idx ON public.qualified USING hnsw"
        + " (embedding public.vector_cosine_ops)"));
    assertEquals("CREATE INDEX ON public.qualified USING hnsw (embedding vector_cosine_ops)",
        value("SELECT regexp_replace(pg_get_indexdef('qualified_idx'::regclass), 'qualified_idx ', '')"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON qualified USING hnsw (embedding public.vector_l2_ops)"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON qualified USING hnsw (embedding public.vector_ip_ops)"));
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON qualified USING hnsw (embedding postgres.public.vector_l1_ops)"));
    assertError("42704", "operator class \"pg_catalog.vector_cosine_ops\" does not exist for access method \"hnsw\"",
        "CREATE INDEX ON qualified USING hnsw (embedding pg_catalog.vector_cosine_ops)");
    assertError("42704", "operator class \"public.nosuch_ops\" does not exist for access method \"hnsw\"",
        "CREATE INDEX ON qualified USING hnsw (embedding public.nosuch_ops)");
    assertError("3F000", "schema \"nosuch\" does not exist",
        "CREATE INDEX ON qualified USING hnsw (embedding nosuch.vector_cosine_ops)");
    assertError("0A000", "cross-database references are not implemented: other.public.vector_l2_ops",
        "CREATE INDEX ON qualified USING hnsw (embedding other.public.vector_l2_ops)");
    assertError("42804", "operator class \"public.vector_l2_ops\" does not accept data type integer",
        "CREATE INDEX ON qualified USING hnsw (id public.vector_l2_ops)");
  }

  @Test
  void dropExtensionVectorOnceNoColumnHasItsType() {
    tag("CREATE TABLE v (id int, embedding vector(3))");
    assertError("2BP01", "cannot drop extension vector because other objects depend on it",
        "DROP EXTENSION vector");
    assertError("0A000", "DROP EXTENSION vector CASCADE of columns of type vector is not supported yet",
        "DROP EXTENSION IF EXISTS vector CASCADE");
    assertError("42704", "extension \"nosuch\" does not exist", "DROP EXTENSION nosuch");
    assertEquals("DROP EXTENSION", tag("DROP EXTENSION IF EXISTS nosuch"));
    tag("DROP TABLE v");
    tag("CREATE EXTENSION IF NOT EXISTS vector");
    assertEquals("DROP EXTENSION", tag("DROP EXTENSION vector"));
    // created again without "already exists", as pg_restore --clean does next
    assertEquals("CREATE EXTENSION", tag("CREATE EXTENSION vector"));
  }
}
