package io.s3vector.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pgjdbc's DatabaseMetaData and ResultSetMetaData over a table with a vector column and an HNSW
 * index, and the queries DBeaver sends through pgjdbc when it connects and browses
 * (their text is in pgjdbc's PgDatabaseMetaData and DBeaver's PostgreDataSource and
 * PostgreExecutionContext). The expected values are PostgreSQL 15 +
 * pgvector 0.8.6's (run with -Ds3vector.test.reference=host:port to see them).
 */
class PgjdbcMetadataTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  private static Connection c;

  @BeforeAll
  static void schema() throws SQLException {
    c = server.connect();
    try (Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION IF NOT EXISTS vector");
      s.execute("DROP TABLE IF EXISTS jdbc_meta_items");
      s.execute("CREATE TABLE jdbc_meta_items (id bigserial PRIMARY KEY, name varchar(20) NOT NULL,"
          + " score double precision DEFAULT 1.5, embedding vector(3))");
      s.execute("CREATE INDEX jdbc_meta_items_hnsw ON jdbc_meta_items USING hnsw (embedding vector_cosine_ops)");
      s.execute("INSERT INTO jdbc_meta_items (name, embedding) VALUES ('a', '[1,2,3]')");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    if (c != null) {
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS jdbc_meta_items");
      }
      c.close();
    }
  }

  /** The named columns of every row, "|"-joined. */
  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (String column : columns) {
          values.add(rs.getString(column));
        }
        out.add(String.join("|", values));
      }
    }
    return out;
  }

  @Test
  void getSchemas() throws SQLException {
    List<String> schemas = rows(c.getMetaData().getSchemas(), "TABLE_SCHEM");
    assertTrue(schemas.contains("public") && schemas.contains("pg_catalog")
        && schemas.contains("information_schema"), schemas.toString());
  }

  @Test
  void getTables() throws SQLException {
    assertEquals(List.of("public|jdbc_meta_items|TABLE"), rows(c.getMetaData().getTables(null, "public",
        "jdbc_meta%", new String[] {"TABLE"}), "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
    assertEquals(List.of("public|jdbc_meta_items_hnsw|INDEX", "public|jdbc_meta_items_pkey|INDEX"),
        rows(c.getMetaData().getTables(null, "public", "jdbc_meta%", new String[] {"INDEX"}),
            "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"));
  }

  @Test
  void getColumns() throws SQLException {
    assertEquals(List.of(
            "id|-5|bigserial|19|0|YES|nextval('jdbc_meta_items_id_seq'::regclass)",
            "name|12|varchar|20|0|NO|null",
            "score|8|float8|17|1|NO|1.5",
            // pgjdbc does not know vector's typmod: the size is its "unknown" maximum
            "embedding|1111|vector|2147483647|1|NO|null"),
        rows(c.getMetaData().getColumns(null, "public", "jdbc_meta_items", null), "COLUMN_NAME",
            "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "NULLABLE", "IS_AUTOINCREMENT", "COLUMN_DEF"));
  }

  @Test
  void getPrimaryKeys() throws SQLException {
    assertEquals(List.of("jdbc_meta_items|id|1|jdbc_meta_items_pkey"),
        rows(c.getMetaData().getPrimaryKeys(null, "public", "jdbc_meta_items"), "TABLE_NAME",
            "COLUMN_NAME", "KEY_SEQ", "PK_NAME"));
  }

  @Test
  void getIndexInfo() throws SQLException {
    assertEquals(List.of("f|jdbc_meta_items_pkey|1|id", "t|jdbc_meta_items_hnsw|1|embedding"),
        rows(c.getMetaData().getIndexInfo(null, "public", "jdbc_meta_items", false, false),
            "NON_UNIQUE", "INDEX_NAME", "ORDINAL_POSITION", "COLUMN_NAME"));
  }

  @Test
  void getTypeInfo() throws SQLException {
    List<String> types = rows(c.getMetaData().getTypeInfo(), "TYPE_NAME", "DATA_TYPE");
    assertTrue(types.contains("vector|1111"), types.toString());
    assertTrue(types.contains("int4|4"), types.toString());
    assertTrue(types.contains("text|12"), types.toString());
  }

  @Test
  void resultSetMetaData() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, embedding FROM jdbc_meta_items")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("vector", md.getColumnTypeName(3));
      assertEquals(Types.OTHER, md.getColumnType(3));
      // pgjdbc names an int8 column with a nextval() default "bigserial", against PostgreSQL too
      assertEquals("bigserial", md.getColumnTypeName(1));
      assertEquals("varchar", md.getColumnTypeName(2));
    }
  }

  /** pgjdbc reads these from pg_class/pg_attribute by the RowDescription's table OID and attnum. */
  @Test
  void resultSetMetaDataFromTheCatalog() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, embedding FROM jdbc_meta_items")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("jdbc_meta_items", md.getTableName(1));
      assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(2));
      assertEquals(ResultSetMetaData.columnNullable, md.isNullable(3));
      assertEquals(true, md.isAutoIncrement(1));
    }
    // followed through a subquery in FROM and a WITH query, as PostgreSQL does; not through an
    // expression
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("WITH w AS (SELECT id, name FROM jdbc_meta_items)"
            + " SELECT q.name, w.id, q.id + 1 AS next FROM (SELECT id, name FROM jdbc_meta_items) q"
            + " JOIN w USING (id)")) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals("jdbc_meta_items", md.getTableName(1));
      assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
      assertEquals("jdbc_meta_items", md.getTableName(2));
      assertEquals(true, md.isAutoIncrement(2));
      assertEquals("", md.getTableName(3));
    }
  }

  /** DBeaver on connect (PostgreDataSource, PostgreExecutionContext): the queries it sends. */
  @Test
  void dbeaverConnect() throws SQLException {
    try (Statement s = c.createStatement()) {
      assertTrue(rows(s.executeQuery("SELECT version()"), "version").get(0).startsWith("PostgreSQL "));
      assertEquals(List.of("public|postgres"), rows(s.executeQuery("SELECT current_schema(),session_user"),
          "current_schema", "session_user"));
      assertEquals(List.of("\"$user\", public"), rows(s.executeQuery("SHOW search_path"), "search_path"));
    }
  }

  @Test
  void dbeaverConnectDatabasesAndSettings() throws SQLException {
    try (Statement s = c.createStatement()) {
      assertEquals(List.of("postgres"), rows(s.executeQuery("SELECT db.oid,db.* FROM pg_catalog.pg_database db"
          + " WHERE 1 = 1 AND datallowconn AND NOT datistemplate ORDER BY db.datname"), "datname"));
    }
    try (PreparedStatement ps = c.prepareStatement("select * from pg_settings where name=?")) {
      ps.setString(1, "standard_conforming_strings");
      assertEquals(List.of("standard_conforming_strings|on"), rows(ps.executeQuery(), "name", "setting"));
    }
  }

  /** DBeaver's schema list: pg_namespace with descriptions. */
  @Test
  void dbeaverSchemas() throws SQLException {
    try (Statement s = c.createStatement()) {
      List<String> names = rows(s.executeQuery("SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n"
          + " LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND"
          + " d.classoid='pg_namespace'::regclass ORDER BY nspname"), "nspname");
      assertTrue(names.contains("public") && names.contains("pg_catalog"), names.toString());
    }
  }

  /** DBeaver browsing a schema's tables and a table's columns (shape of its queries; not verbatim). */
  @Test
  void dbeaverBrowse() throws SQLException {
    long table;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select c.oid,c.*,d.description"
        + " from pg_catalog.pg_class c left outer join pg_catalog.pg_description d on d.objoid=c.oid and"
        + " d.objsubid=0 and d.classoid='pg_class'::regclass where c.relnamespace="
        + "(select oid from pg_catalog.pg_namespace where nspname='public') and c.relkind not in ('i','I','c')"
        + " and c.relname='jdbc_meta_items'")) {
      assertTrue(rs.next(), "the table is listed");
      assertEquals("r", rs.getString("relkind"));
      table = rs.getLong("oid");
    }
    try (PreparedStatement ps = c.prepareStatement("select c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin,"
        + " ad.adrelid, true) as def_value,dsc.description from pg_catalog.pg_attribute a inner join"
        + " pg_catalog.pg_class c on (a.attrelid=c.oid) left outer join pg_catalog.pg_attrdef ad on"
        + " (a.attrelid=ad.adrelid and a.attnum = ad.adnum) left outer join pg_catalog.pg_description dsc on"
        + " (c.oid=dsc.objoid and a.attnum = dsc.objsubid) where a.attnum > 0 and not a.attisdropped and"
        + " c.oid=? order by a.attnum")) {
      ps.setLong(1, table);
      assertEquals(List.of("id|nextval('jdbc_meta_items_id_seq'::regclass)", "name|null", "score|1.5",
          "embedding|null"), rows(ps.executeQuery(), "attname", "def_value"));
    }
  }
}
