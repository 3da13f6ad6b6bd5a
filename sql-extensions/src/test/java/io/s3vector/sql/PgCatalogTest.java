package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * pg_catalog and information_schema as relations built from the tables the engine runs on, read
 * with single-table queries; expected values are PostgreSQL 15 + pgvector's for the same DDL.
 */
@Tag("storage-independent")
class PgCatalogTest extends SqlTestBase {

  @BeforeEach
  void schema() {
    script("CREATE TABLE items (id bigserial PRIMARY KEY, category text NOT NULL DEFAULT 'x',"
        + " name varchar(20) UNIQUE, embedding vector(3));"
        + "CREATE INDEX items_embedding_idx ON items USING hnsw (embedding vector_cosine_ops)"
        + " WITH (m = 32);"
        + "CREATE TABLE docs (id int PRIMARY KEY, item_id bigint REFERENCES items (id)"
        + " ON DELETE CASCADE, price real CHECK (price > 0));"
        + "INSERT INTO items (category, embedding) VALUES ('a', '[1,2,3]'), ('b', '[4,5,6]')");
  }

  String oid(String relname) {
    return value("SELECT oid FROM pg_class WHERE relname = $1", relname);
  }

  @Test
  void pgClassListsTablesIndexesAndSequences() {
    assertEquals(table(
            "docs|r|2|2200|p|t|f|t",
            "docs_pkey|i|403|2200|p|f|f|f",
            "items|r|2|2200|p|t|f|t",
            "items_embedding_idx|i|16449|2200|p|f|f|f",
            "items_id_seq|S|0|2200|p|f|f|f",
            "items_name_key|i|403|2200|p|f|f|f",
            "items_pkey|i|403|2200|p|f|f|f"),
        rows("SELECT relname, relkind, relam, relnamespace, relpersistence, relhasindex,"
            + " relispartition, relhastriggers FROM pg_catalog.pg_class ORDER BY relname"));
    assertEquals("2", value("SELECT reltuples FROM pg_class WHERE relname = 'items'"));
    assertEquals("1", value("SELECT relchecks FROM pg_class WHERE relname = 'docs'"));
    assertEquals("4", value("SELECT relnatts FROM pg_class WHERE relname = 'items'"));
    long items = Long.parseLong(oid("items"));
    assertTrue(items >= 17000 && items <= Integer.MAX_VALUE, "user OIDs above pgvector's");
  }

  @Test
  void oidsStayForTheTableLifeAndChangeWhenItIsCreatedAgain() {
    String items = oid("items");
    String index = oid("items_embedding_idx");
    script("INSERT INTO items (category) VALUES ('c'); CREATE INDEX other ON items USING hnsw"
        + " (embedding vector_l2_ops); DROP INDEX other");
    assertEquals(items, oid("items"));
    assertEquals(index, oid("items_embedding_idx"));
    String docs = oid("docs");
    script("DROP TABLE docs; CREATE TABLE docs (id int PRIMARY KEY)");
    assertNotEquals(docs, oid("docs"));
  }

  @Test
  void pgAttributeDescribesColumns() {
    String items = oid("items");
    assertEquals(table(
            "id|20|-1|1|t|t|8|0",
            "category|25|-1|2|t|t|-1|100",
            "name|1043|24|3|f|f|-1|100",
            "embedding|16388|3|4|f|f|-1|0"),
        rows("SELECT attname, atttypid, atttypmod, attnum, attnotnull, atthasdef, attlen,"
            + " attcollation FROM pg_attribute WHERE attrelid = $1 AND attnum > 0"
            + " AND NOT attisdropped ORDER BY attnum", Long.parseLong(items)));
    // psql sends the OID as a quoted literal
    assertEquals("4", value("SELECT count(*) FROM pg_catalog.pg_attribute a WHERE a.attrelid = '"
        + items + "' AND a.attnum > 0"));
    assertEquals(table("embedding|1"), rows("SELECT attname, attnum FROM pg_attribute"
        + " WHERE attrelid = " + oid("items_embedding_idx")));
  }

  @Test
  void formatTypePrintsColumnTypes() {
    assertEquals(table("bigint", "text", "character varying(20)", "vector(3)"),
        rows("SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_attribute"
            + " WHERE attrelid = 'items'::regclass AND attnum > 0 ORDER BY attnum"));
    assertEquals(table("text[]|character(1)|bpchar|numeric(10,2)|timestamp(3) with time zone"
            + "|\"char\"|???|timestamp without time zone|real[]|character varying"),
        rows("SELECT format_type(1009, -1), format_type(1042, 5), format_type(1042, -1),"
            + " format_type(1700, 655366), format_type(1184, 3), format_type(18, -1),"
            + " format_type(999999, -1), format_type(1114, NULL), format_type(1021, NULL),"
            + " format_type(1043, -1)"));
  }

  @Test
  void attrdefAndPgGetExpr() {
    assertEquals(table("1|nextval('items_id_seq'::regclass)", "2|'x'::text"),
        rows("SELECT adnum, pg_get_expr(adbin, adrelid, true) FROM pg_attrdef"
            + " WHERE adrelid = 'items'::regclass ORDER BY adnum"));
  }

  @Test
  void indexesAndTheirDefinitions() {
    assertEquals(table(
            "items_pkey|t|t|CREATE UNIQUE INDEX items_pkey ON public.items USING btree (id)",
            "items_name_key|t|f|CREATE UNIQUE INDEX items_name_key ON public.items USING btree (name)",
            "items_embedding_idx|f|f|CREATE INDEX items_embedding_idx ON public.items USING hnsw"
                + " (embedding vector_cosine_ops) WITH (m='32')"),
        rows("SELECT indexrelid::regclass::text, indisunique, indisprimary,"
            + " pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'items'::regclass"));
    assertEquals(table("embedding|CREATE INDEX items_embedding_idx ON items USING hnsw"
            + " (embedding vector_cosine_ops) WITH (m='32')|"),
        rows("SELECT pg_get_indexdef(oid, 1, true), pg_get_indexdef(oid, 0, true),"
            + " pg_get_indexdef(oid, 2, false) FROM pg_class WHERE relname = 'items_embedding_idx'"));
    assertEquals(table("items|items_embedding_idx|CREATE INDEX items_embedding_idx ON public.items"
            + " USING hnsw (embedding vector_cosine_ops) WITH (m='32')"),
        rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE indexname LIKE '%embedding%'"));
  }

  @Test
  void constraintsAndTheirDefinitions() {
    assertEquals(table(
            "docs_pkey|p|PRIMARY KEY (id)| | ",
            "docs_item_id_fkey|f|FOREIGN KEY (item_id) REFERENCES items(id) ON DELETE CASCADE|a|c",
            "docs_price_check|c|CHECK (price > 0)| | "),
        rows("SELECT conname, contype, pg_get_constraintdef(oid, true), confupdtype, confdeltype"
            + " FROM pg_constraint WHERE conrelid = 'docs'::regclass"));
    assertEquals(oid("items"), value("SELECT confrelid FROM pg_constraint WHERE contype = 'f'"));
    assertEquals(oid("items_pkey"),
        value("SELECT conindid FROM pg_constraint WHERE conname = 'items_pkey'"));
  }

  @Test
  void typesOfThePgTypeCatalog() {
    assertEquals(table("vector|2200|b|U|16389|0|-1", "_vector|2200|b|A|0|16388|-1",
            "name|11|b|S|1003|18|64", "int8|11|b|N|1016|0|8", "_int8|11|b|A|0|20|-1",
            "bit|11|b|V|1561|0|-1"),
        rows("SELECT typname, typnamespace, typtype, typcategory, typarray, typelem, typlen"
            + " FROM pg_type WHERE typname IN ('vector', '_vector', 'int8', '_int8', 'bit', 'name')"
            + " ORDER BY typnamespace DESC, typname = '_vector', oid"));
    // pgjdbc's is_array test and getMaxNameLength
    assertEquals(table("t", "f"), rows("SELECT typinput = 'pg_catalog.array_in'::regproc FROM"
        + " pg_catalog.pg_type WHERE oid IN (16388, 1021) ORDER BY oid"));
    assertEquals("vector_in", value("SELECT typinput::regproc::text FROM pg_type WHERE oid = 16388"));
  }

  @Test
  void regCasts() {
    assertEquals(oid("items"), value("SELECT 'items'::regclass::oid"));
    assertEquals(oid("items"), value("SELECT 'public.items'::pg_catalog.regclass::oid"));
    assertEquals("items", value("SELECT " + oid("items") + "::regclass::text"));
    assertEquals("1259", value("SELECT 'pg_class'::regclass::oid"));
    assertEquals("3079", value("SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass::oid"));
    assertEquals("pg_class", value("SELECT 1259::regclass::text"));
    assertEquals("vector|real[]|integer", String.join("|", rows(
        "SELECT 16388::regtype::text, 1021::regtype::text, 'int4'::regtype::text").get(0)));
    assertEquals("2200", value("SELECT 'public'::regnamespace::oid"));
    assertEquals("750", value("SELECT 'array_in'::regproc::oid"));
    assertError("42P01", "relation \"nosuch\" does not exist", "SELECT 'nosuch'::regclass");
    assertError("42704", "type \"nosuch\" does not exist", "SELECT 'nosuch'::regtype");
    assertEquals(table("NULL|NULL|" + oid("items") + "|16388"),
        rows("SELECT to_regclass('nosuch')::oid, to_regtype('nosuch')::oid,"
            + " to_regclass('items')::oid, to_regtype('vector')::oid"));
  }

  @Test
  void namespacesExtensionsAndDescriptions() {
    assertEquals(table("information_schema|10", "pg_catalog|10", "pg_toast|10",
            "public|6171"),
        rows("SELECT nspname, nspowner FROM pg_namespace ORDER BY nspname"));
    assertEquals(table("plpgsql|1.0|11", "vector|0.8.6|2200"),
        rows("SELECT extname, extversion, extnamespace FROM pg_extension ORDER BY 1"));
    assertEquals("vector data type and ivfflat and hnsw access methods",
        value("SELECT description FROM pg_description WHERE objoid = 16384"
            + " AND classoid = 'pg_catalog.pg_extension'::pg_catalog.regclass"));
    assertEquals("standard public schema", value("SELECT obj_description(2200, 'pg_namespace')"));
    assertEquals(table("postgres|postgres"), rows("SELECT pg_catalog.pg_get_userbyid(10),"
        + " pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'items'"));
  }

  @Test
  void accessMethodsAndOperatorClasses() {
    assertEquals(table("hnsw|i", "ivfflat|i", "btree|i", "heap|t"),
        rows("SELECT amname, amtype FROM pg_am WHERE amname IN ('hnsw', 'ivfflat', 'heap', 'btree')"
            + " ORDER BY oid DESC"));
    assertEquals(table("vector_cosine_ops", "vector_ip_ops", "vector_l1_ops", "vector_l2_ops"),
        rows("SELECT opcname FROM pg_opclass WHERE opcmethod = 16449 AND opcintype = 16388"
            + " ORDER BY opcname"));
  }

  @Test
  void databasesRolesSettings() {
    assertEquals(table("postgres|UTF8|t|f", "template0|UTF8|f|t", "template1|UTF8|t|t"),
        rows("SELECT datname, pg_encoding_to_char(encoding), datallowconn, datistemplate"
            + " FROM pg_database ORDER BY 1"));
    assertEquals(table("postgres|t"), rows("SELECT rolname, rolsuper FROM pg_roles WHERE oid = 10"));
    assertEquals("40", value("SELECT setting FROM pg_settings WHERE name = 'hnsw.ef_search'"));
    script("SET hnsw.ef_search = 77");
    assertEquals("77", value("SELECT setting FROM pg_catalog.pg_settings WHERE name = 'hnsw.ef_search'"));
  }

  @Test
  void emptyCatalogsOfFeaturesWeDoNotHave() {
    for (String table : List.of("pg_inherits", "pg_policy", "pg_statistic_ext", "pg_publication",
        "pg_publication_rel", "pg_publication_namespace", "pg_trigger", "pg_rewrite",
        "pg_partitioned_table", "pg_foreign_table", "pg_range", "pg_enum", "pg_views",
        "pg_matviews")) {
      assertEquals("0", value("SELECT count(*) FROM pg_catalog." + table), table);
    }
  }

  @Test
  void procsForPsqlDf() {
    assertEquals(table("l2_distance|double precision|vector, vector|f"),
        rows("SELECT proname, pg_get_function_result(oid), pg_get_function_arguments(oid), prokind"
            + " FROM pg_proc WHERE proname = 'l2_distance' AND pronamespace = 2200"
            + " AND pg_get_function_arguments(oid) = 'vector, vector'"));
    assertEquals("118", value("SELECT count(*) FROM pg_proc WHERE pronamespace = 2200"));
  }

  @Test
  void informationSchema() {
    assertEquals(table(
            "id|1|bigint|int8|NO|nextval('items_id_seq'::regclass)|NULL",
            "category|2|text|text|NO|'x'::text|NULL",
            "name|3|character varying|varchar|YES|NULL|20",
            "embedding|4|USER-DEFINED|vector|YES|NULL|NULL"),
        rows("SELECT column_name, ordinal_position, data_type, udt_name, is_nullable,"
            + " column_default, character_maximum_length FROM information_schema.columns"
            + " WHERE table_name = 'items' AND table_schema = 'public' ORDER BY ordinal_position"));
    assertEquals(table("docs|BASE TABLE", "items|BASE TABLE"),
        rows("SELECT table_name, table_type FROM information_schema.tables ORDER BY 1"));
    assertEquals(table("public"), rows("SELECT schema_name FROM information_schema.schemata"
        + " WHERE schema_name = 'public'"));
    assertEquals(table("items_pkey|PRIMARY KEY", "items_name_key|UNIQUE"),
        rows("SELECT constraint_name, constraint_type FROM information_schema.table_constraints"
            + " WHERE table_name = 'items'"));
  }

  @Test
  void sessionFunctions() {
    assertEquals(table("t|t|t|UTF8"), rows("SELECT pg_table_is_visible('items'::regclass),"
        + " pg_catalog.pg_type_is_visible(16388), has_table_privilege('items', 'SELECT'),"
        + " pg_encoding_to_char(6)"));
    assertEquals("public.items_id_seq", value("SELECT pg_get_serial_sequence('items', 'id')"));
    assertEquals("off", value("SELECT set_config('enable_seqscan_x.y', 'off', false)"));
    assertEquals("100", value("SELECT set_config('hnsw.ef_search', '100', false)"));
    assertEquals("100", value("SHOW hnsw.ef_search"));
  }

  @Test
  void arrayColumnsTravelAsArrays() {
    // int2vector and oidvector print as PostgreSQL's do (no braces), the arrays with braces
    assertEquals(table("4|16490|0|{m=32}"),
        rows("SELECT i.indkey, i.indclass, i.indoption, c.reloptions FROM pg_index i, pg_class c"
            + " WHERE i.indexrelid = c.oid AND c.relname = 'items_embedding_idx'"));
    assertEquals(table("docs_item_id_fkey|{2}|{1}", "docs_pkey|{1}|NULL"),
        rows("SELECT conname, conkey, confkey FROM pg_constraint WHERE conrelid = 'docs'::regclass"
            + " AND contype IN ('p', 'f') ORDER BY conname"));
    assertEquals("=c/postgres,postgres=CTc/postgres",
        value("SELECT array_to_string(datacl, ',') FROM pg_database WHERE datname = 'template1'"));
    assertEquals("{public}", value("SELECT current_schemas(false)"));
    assertEquals("{pg_catalog,public}", value("SELECT current_schemas(true)"));
  }

  @Test
  void int2vectorAndOidvectorCountFromZeroAndCastToAndFromArrays() {
    script("CREATE INDEX items_two ON items (id, category)");
    String index = " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 'items_two'";
    assertEquals(table("1 2|1|2|NULL|0|1|2|int2vector|oidvector"),
        rows("SELECT indkey, indkey[0], indkey[1], indkey[2], array_lower(indkey, 1),"
            + " array_upper(indkey, 1), array_length(indkey, 1), pg_typeof(indkey), pg_typeof(indclass)"
            + index));
    // SQLAlchemy's get_indexes: unnest and generate_subscripts zipped, ord + 1 a column position
    assertEquals(table("1|0", "2|1"),
        rows("SELECT unnest(indkey), generate_subscripts(indkey, 1)" + index));
    assertEquals(table("{1,2}|2 5|5"), rows("SELECT indkey::smallint[], '2 5'::int2vector,"
        + " ('{2,5}'::smallint[]::int2vector)[1]" + index));
  }

  @Test
  void psqlFooterHelpers() {
    // a table that is not a partition has no ancestors (PostgreSQL 15 returns no rows)
    assertEquals(0, rows("SELECT pg_catalog.pg_partition_ancestors('items')").size());
    assertEquals("32", value("SELECT setting FROM pg_catalog.pg_settings WHERE name='max_index_keys'"));
  }

  @Test
  void commentsAreDescriptions() {
    script("COMMENT ON TABLE items IS 'things'; COMMENT ON COLUMN items.embedding IS 'a vector'");
    assertEquals(table("0|things", "4|a vector"), rows("SELECT objsubid, description FROM"
        + " pg_description WHERE objoid = 'items'::regclass AND classoid = 'pg_class'::regclass"
        + " ORDER BY objsubid"));
    assertEquals(table("things|things|a vector|NULL"), rows("SELECT obj_description('items'::regclass,"
        + " 'pg_class'), obj_description('items'::regclass), col_description('items'::regclass, 4),"
        + " col_description('items'::regclass, 1)"));
  }

  @Test
  void reloptionsAreTheWithOptionsAsWritten() {
    script("CREATE INDEX a_idx ON items USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 64);"
        + "CREATE INDEX b_idx ON items USING hnsw (embedding vector_ip_ops)");
    assertEquals(table("a_idx|{m=16,ef_construction=64}", "b_idx|NULL"),
        rows("SELECT relname, reloptions FROM pg_class WHERE relname IN ('a_idx', 'b_idx') ORDER BY 1"));
    assertEquals(table("CREATE INDEX a_idx ON public.items USING hnsw (embedding vector_l2_ops)"
            + " WITH (m='16', ef_construction='64')",
            "CREATE INDEX b_idx ON public.items USING hnsw (embedding vector_ip_ops)"),
        rows("SELECT pg_get_indexdef(oid) FROM pg_class WHERE relname IN ('a_idx', 'b_idx') ORDER BY relname"));
  }
}
