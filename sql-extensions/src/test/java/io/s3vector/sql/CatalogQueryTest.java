package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** pgjdbc TypeInfoCache's pg_type queries (42.7.x), as the driver sends them. */
@Tag("storage-independent")
class CatalogQueryTest extends SqlTestBase {

  static final String BY_NAME = "SELECT pg_type.oid, typname "
      + "  FROM pg_catalog.pg_type"
      + "  LEFT "
      + "  JOIN (select ns.oid as nspoid, ns.nspname, r.r "
      + "          from pg_namespace as ns "
      + "          join ( select s.r, (current_schemas(false))[s.r] as nspname "
      + "                   from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r "
      + "         using ( nspname ) "
      + "       ) as sp "
      + "    ON sp.nspoid = typnamespace "
      + " WHERE typname = $1 "
      + " ORDER BY sp.r, pg_type.oid DESC LIMIT 1";

  static final String BY_OID = "SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname"
      + " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid"
      + " WHERE t.oid = $1";

  static final String TYPE_INFO = "SELECT typinput='pg_catalog.array_in'::regproc as is_array,"
      + " typtype, typname, pg_type.oid\n"
      + "  FROM pg_catalog.pg_type\n"
      + "  LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r\n"
      + "          from pg_namespace as ns\n"
      + "          join ( select s.r, (current_schemas(false))[s.r] as nspname\n"
      + "                   from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r\n"
      + "         using ( nspname )\n"
      + "       ) as sp\n"
      + "    ON sp.nspoid = typnamespace\n"
      + " WHERE pg_type.oid = $1\n"
      + " ORDER BY sp.r, pg_type.oid DESC;";

  @Test
  void typeByName() {
    assertEquals(table("16388|vector"), rows(BY_NAME, "vector"));
    assertEquals(table("20|int8"), rows(BY_NAME, "int8"));
    assertEquals(table(), rows(BY_NAME, "nosuch"));
    Statement st = session.prepare(BY_NAME, new int[0]);
    assertEquals("oid", st.resultColumns().get(0).type().name());
  }

  @Test
  void typeByOid() {
    assertEquals(table("t|public|vector"), rows(BY_OID, 16388L));
    assertEquals(table("t|pg_catalog|float4"), rows(BY_OID, 700));
    assertEquals(table("f|b|vector|16388"), rows(TYPE_INFO, 16388L));
    assertEquals(table("t|b|_float4|1021"), rows(TYPE_INFO, 1021L));
  }

  /** The recognised queries answer from the same descriptions as pg_type. */
  @Test
  void recognisedQueriesAgreeWithPgType() {
    assertEquals(table("16390|halfvec"), rows(BY_NAME, "halfvec"));
    assertEquals(table("t|b|_vector|16389"), rows(TYPE_INFO, 16389L));
    assertEquals(table("t|public|_vector"), rows(BY_OID, 16389L));
    assertEquals(table("t|b|_vector|16389"),
        rows("SELECT typinput = 'pg_catalog.array_in'::regproc, typtype, typname, oid"
            + " FROM pg_catalog.pg_type WHERE oid = 16389"));
  }

  @Test
  void singleTableCatalogQueries() {
    // pgvector creates halfvec and sparsevec too; their rows exist as there (pgvector-node's lookup)
    assertEquals(table("vector|16388", "halfvec|16390", "sparsevec|16392"),
        rows("SELECT typname, oid FROM pg_type WHERE typname IN ($1, $2, $3)", "vector", "halfvec", "sparsevec"));
    assertEquals(table("vector"), rows("SELECT typname FROM pg_catalog.pg_type WHERE oid = 16388"));
    assertEquals(table("1021"), rows("SELECT typarray FROM pg_type WHERE typname = 'float4'"));
    assertEquals(table("public"), rows("SELECT nspname FROM pg_namespace WHERE oid = 2200"));
  }

  /** psycopg 3's TypeInfo.fetch (used by pgvector-python's register_vector). */
  @Test
  void psycopgTypeInfo() {
    String sql = "SELECT\n    typname AS name, oid, typarray AS array_oid,\n"
        + "    oid::regtype::text AS alt_name, typdelim AS delimiter\n"
        + "FROM pg_type t\nWHERE t.oid = $1::regtype\nORDER BY t.oid\n";
    assertEquals(table("vector|16388|16389|vector|,"), rows(sql, "vector"));
    assertEquals(table("float4|700|1021|real|,"), rows(sql, "real"));
    assertError("42704", "type \"nosuch\" does not exist", sql, "nosuch");
  }

  /** pgjdbc declares the OID parameter as int8 (and binds it in binary): the declared type wins. */
  @Test
  void declaredParameterTypesAreKept() {
    Statement typeInfo = session.prepare(TYPE_INFO, new int[] {20});
    assertEquals("int8", typeInfo.parameterTypes().get(0).name());
    Statement byName = session.prepare(BY_NAME, new int[] {1043});
    assertEquals("varchar", byName.parameterTypes().get(0).name());
  }

  /** ParameterDescription echoes a declared varchar (pgjdbc refuses a change to text). */
  @Test
  void declaredVarcharParameterStaysVarchar() {
    Statement st = session.prepare("SELECT $1 || 'x'", new int[] {1043});
    assertEquals("varchar", st.parameterTypes().get(0).name());
  }
}
