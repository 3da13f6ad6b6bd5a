package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Indexes of access methods other than pgvector's, as frameworks create them with their tables:
 * kept for the catalogs, listed, dropped, refused with 0A000 where they would change behaviour.
 */
class SecondaryIndexTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE docs (id bigint PRIMARY KEY, collection_id int, cmetadata jsonb, title text,"
        + " embedding vector(3))");
    tag("INSERT INTO docs VALUES (1, 7, '{\"a\": 1}', 'x', '[1,2,3]')");
  }

  @Test
  void btreeAndGinIndexesShowInTheCatalogsAndGoWithDropIndexColumnAndTable() {
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON docs (collection_id)"));
    tag("CREATE INDEX ix_cmetadata_gin ON docs USING gin (cmetadata jsonb_path_ops)");
    tag("CREATE INDEX IF NOT EXISTS ix_cmetadata_gin ON docs USING gin (cmetadata jsonb_path_ops)");
    tag("CREATE INDEX CONCURRENTLY ix_title ON public.docs USING btree (title DESC NULLS LAST, id)"
        + " WITH (fillfactor = 90)");
    assertEquals(table(
            "docs_collection_id_idx|CREATE INDEX docs_collection_id_idx ON public.docs USING btree (collection_id)",
            "docs_pkey|CREATE UNIQUE INDEX docs_pkey ON public.docs USING btree (id)",
            "ix_cmetadata_gin|CREATE INDEX ix_cmetadata_gin ON public.docs USING gin (cmetadata jsonb_path_ops)",
            "ix_title|CREATE INDEX ix_title ON public.docs USING btree (title DESC NULLS LAST, id)"),
        rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'docs' ORDER BY 1"));
    assertEquals(table("docs_collection_id_idx|btree|2", "docs_pkey|btree|1",
            "ix_cmetadata_gin|gin|3", "ix_title|btree|4 1"),
        rows("SELECT i.relname, am.amname, ix.indkey FROM pg_index ix JOIN pg_class i"
            + " ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam"
            + " WHERE ix.indrelid = 'docs'::regclass ORDER BY 1"));
    // queries are not changed by an index
    assertEquals("x", value("SELECT title FROM docs WHERE collection_id = 7"));
    assertEquals(table("1 0"), rows("SELECT indoption FROM pg_index WHERE indexrelid = 'ix_title'::regclass"));
    tag("CREATE INDEX ix_orders ON docs (title DESC, collection_id NULLS FIRST, id ASC NULLS LAST)");
    assertEquals(table("CREATE INDEX ix_orders ON public.docs USING btree (title DESC, collection_id NULLS FIRST, id)|3 2 0"),
        rows("SELECT pg_get_indexdef(indexrelid), indoption FROM pg_index WHERE indexrelid = 'ix_orders'::regclass"));
    tag("DROP INDEX ix_orders");
    assertEquals("DROP INDEX", tag("DROP INDEX ix_title"));
    assertError("42704", "index \"ix_title\" does not exist", "DROP INDEX ix_title");
    tag("ALTER TABLE docs DROP COLUMN collection_id");
    assertEquals(table("docs_pkey", "ix_cmetadata_gin"),
        rows("SELECT indexname FROM pg_indexes WHERE tablename = 'docs' ORDER BY 1"));
    tag("DROP TABLE docs");
    assertEquals("0", value("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_cmetadata_gin'"));
  }

  @Test
  void namesAreCheckedAndWhatWouldChangeBehaviourIsRefused() {
    tag("CREATE INDEX ix ON docs (title)");
    assertError("42P07", "relation \"ix\" already exists", "CREATE INDEX ix ON docs (id)");
    assertError("42P07", "relation \"docs\" already exists", "CREATE INDEX docs ON docs (id)");
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON docs (title)"));
    assertEquals("1", value("SELECT count(*) FROM pg_indexes WHERE indexname = 'docs_title_idx'"));
    assertError("0A000", "access method \"gin\" does not support unique indexes",
        "CREATE UNIQUE INDEX ux ON docs USING gin (cmetadata)");
    assertError("0A000", "indexes on expressions are not supported yet",
        "CREATE INDEX ie ON docs ((cmetadata->>'a'))");
    assertError("0A000", "indexes on expressions are not supported yet",
        "CREATE INDEX ie ON docs (lower(title))");
    assertError("0A000", "partial indexes (CREATE INDEX ... WHERE) are not supported yet",
        "CREATE INDEX ip ON docs (title) WHERE id > 0");
    assertError("42704", "data type vector has no default operator class for access method \"btree\"",
        "CREATE INDEX iv ON docs (embedding)");
    assertError("42704", "access method \"foo\" does not exist", "CREATE INDEX ib ON docs USING foo (title)");
    assertError("42703", "column \"nosuch\" does not exist", "CREATE INDEX ib ON docs (nosuch)");
    assertError("42P01", "relation \"nosuch\" does not exist", "CREATE INDEX ib ON nosuch (x)");
    // pgvector's index methods still build graphs
    assertEquals("CREATE INDEX", tag("CREATE INDEX ON docs USING hnsw (embedding vector_l2_ops)"));
    assertEquals("1", value("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%USING hnsw%'"));
  }

  @Test
  void aUniqueIndexIsCreatedOnlyOverDistinctKeysAndThenEnforced() {
    tag("INSERT INTO docs VALUES (2, 7, NULL, 'y', '[1,1,1]'), (3, NULL, NULL, 'z', '[2,2,2]'),"
        + " (4, NULL, NULL, 'w', '[3,3,3]')");
    PgException e = error("CREATE UNIQUE INDEX docs_collection_uq ON docs (collection_id)");
    assertEquals("23505", e.sqlState());
    assertEquals("could not create unique index \"docs_collection_uq\"", e.getMessage());
    assertEquals("Key (collection_id)=(7) is duplicated.", e.detail());
    assertEquals("0", value("SELECT count(*) FROM pg_indexes WHERE indexname = 'docs_collection_uq'"));

    tag("DELETE FROM docs WHERE id = 2"); // NULLs never collide: rows 3 and 4 may stay
    assertEquals("CREATE INDEX", tag("CREATE UNIQUE INDEX docs_collection_uq ON docs (collection_id)"));
    assertEquals("CREATE INDEX", tag("CREATE UNIQUE INDEX ON docs (title, id)"));
    assertEquals(table(
            "docs_collection_uq|CREATE UNIQUE INDEX docs_collection_uq ON public.docs USING btree (collection_id)",
            "docs_pkey|CREATE UNIQUE INDEX docs_pkey ON public.docs USING btree (id)",
            "docs_title_id_idx|CREATE UNIQUE INDEX docs_title_id_idx ON public.docs USING btree (title, id)"),
        rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'docs' ORDER BY 1"));
    assertEquals(table("t|f"), rows("SELECT indisunique, indisprimary FROM pg_index"
        + " WHERE indexrelid = 'docs_collection_uq'::regclass"));
    assertEquals(table("docs_pkey"), rows("SELECT conname FROM pg_constraint"
        + " WHERE conrelid = 'docs'::regclass ORDER BY 1"), "an index, not a constraint");

    e = error("INSERT INTO docs VALUES (5, 7, NULL, 'v', '[1,1,1]')");
    assertEquals("23505", e.sqlState());
    assertEquals("duplicate key value violates unique constraint \"docs_collection_uq\"", e.getMessage());
    assertEquals("Key (collection_id)=(7) already exists.", e.detail());
    tag("INSERT INTO docs VALUES (5, NULL, NULL, 'v', '[1,1,1]')");
    // an arbiter of ON CONFLICT, as in PostgreSQL
    assertEquals(table("1|7|changed"), rows("INSERT INTO docs VALUES (6, 7, NULL, 'u', '[1,1,1]')"
        + " ON CONFLICT (collection_id) DO UPDATE SET title = 'changed' RETURNING id, collection_id, title"));
    tag("DROP INDEX docs_collection_uq");
    tag("INSERT INTO docs VALUES (6, 7, NULL, 'u', '[1,1,1]')");
    assertEquals("2", value("SELECT count(*) FROM docs WHERE collection_id = 7"));
  }
}
