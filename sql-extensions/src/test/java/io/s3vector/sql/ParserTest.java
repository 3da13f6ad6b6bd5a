package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.s3vector.sql.parser.PgParserConfig;
import io.s3vector.sql.parser.SqlPgColumn;
import io.s3vector.sql.parser.SqlPgCreateIndex;
import io.s3vector.sql.parser.SqlPgCreateTable;
import io.s3vector.sql.parser.SqlPgDrop;
import io.s3vector.sql.parser.SqlVectorTypeNameSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Golden parse trees: SQL in, Calcite's unparsed text out. */
class ParserTest {

  static SqlNode parse(String sql) throws Exception {
    return SqlParser.create(sql, PgParserConfig.CONFIG).parseStmt();
  }

  static String expr(String e) throws Exception {
    SqlSelect select = (SqlSelect) parse("SELECT " + e);
    return select.getSelectList().get(0).toString();
  }

  @Test
  void distanceOperatorsBindLikePostgresOtherOperators() throws Exception {
    assertEquals("`a` <-> `b` < 5", expr("a <-> b < 5"));
    assertEquals("`a` <-> `b` + `c`", expr("a <-> b + c"));
    assertEquals("`a` <-> `b` + `c`", expr("a <-> (b + c)"));
    assertEquals("(`a` <-> `b`) + `c`", expr("(a <-> b) + c"));
    assertEquals("(`a` <-> `b`) * 2", expr("(a <-> b) * 2"));
    assertEquals("`a` <#> `b` = `c` <=> `d`", expr("a <#> b = c <=> d"));
    assertEquals("`a` <+> `b` <-> `c`", expr("a <+> b <-> c"));
    // (a <-> b) < 5 and a <-> (b + c): check the tree, not only the text.
    SqlSelect s = (SqlSelect) parse("SELECT a <-> b < 5, a <-> b + c");
    assertEquals("<", ((org.apache.calcite.sql.SqlCall) s.getSelectList().get(0)).getOperator().getName());
    assertEquals("<->", ((org.apache.calcite.sql.SqlCall) s.getSelectList().get(1)).getOperator().getName());
  }

  @Test
  void vectorTypeAndCasts() throws Exception {
    assertEquals("('[1,2]' :: VECTOR(2))", expr("'[1,2]'::vector(2)"));
    assertEquals("('[1,2]' :: VECTOR)", expr("'[1,2]'::vector"));
    assertEquals("CAST(`x` AS VECTOR(3))", expr("CAST(x AS vector(3))"));
    assertEquals("vector", expr("vector"));
  }

  @Test
  void createTableWithPostgresTypesAndConstraints() throws Exception {
    SqlPgCreateTable t = (SqlPgCreateTable) parse(
        "CREATE TABLE IF NOT EXISTS items (id bigserial PRIMARY KEY, name varchar(20) NOT NULL,"
            + " embedding vector(3), n int DEFAULT 1 + 2, created timestamp with time zone,"
            + " doc jsonb, PRIMARY KEY (id))");
    assertEquals(true, t.ifNotExists);
    assertEquals(6, t.columns.size());
    SqlPgColumn id = (SqlPgColumn) t.columns.get(0);
    assertEquals(true, id.primaryKey);
    assertInstanceOf(SqlVectorTypeNameSpec.class,
        ((SqlPgColumn) t.columns.get(2)).type.getTypeNameSpec());
    assertEquals("1 + 2", ((SqlPgColumn) t.columns.get(3)).defaultValue.toString());
    assertEquals("id", t.primaryKey.get(0).toString());
  }

  @Test
  void indexesAndDrops() throws Exception {
    SqlPgCreateIndex i = (SqlPgCreateIndex) parse(
        "CREATE INDEX ON items USING hnsw (embedding vector_l2_ops) WITH (m = 16, ef_construction = 64)");
    assertEquals("hnsw", i.method.getSimple());
    assertEquals("vector_l2_ops", i.opclass.getSimple());
    assertEquals(4, i.params.size());
    SqlPgCreateIndex named = (SqlPgCreateIndex) parse(
        "CREATE INDEX IF NOT EXISTS idx ON items USING hnsw (embedding vector_cosine_ops)");
    assertEquals("idx", named.name.getSimple());
    SqlPgDrop drop = (SqlPgDrop) parse("DROP TABLE IF EXISTS a, b");
    assertEquals(true, drop.ifExists());
    assertEquals(2, drop.names.size());
    assertEquals(false, ((SqlPgDrop) parse("DROP INDEX idx")).isTable());
  }
}
