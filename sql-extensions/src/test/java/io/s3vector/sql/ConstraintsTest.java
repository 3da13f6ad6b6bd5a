package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.types.PgTypes;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableConstraint;
import io.s3vector.storage.table.TableConstraint.Action;
import io.s3vector.storage.table.TableConstraint.Kind;
import io.s3vector.storage.table.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL 15's table constraints: declared, named, stored; NOT NULL and CHECK enforced. */
class ConstraintsTest extends SqlTestBase {

  private TableSchema schema(String table) {
    return db.table(table).orElseThrow().schema();
  }

  private List<String> names(String table) {
    return schema(table).constraints().stream().map(TableConstraint::name).toList();
  }

  private PgException assertViolation(String sqlState, String message, String detail, String sql) {
    PgException e = error(sql);
    assertEquals(message, e.getMessage(), sql);
    assertEquals(sqlState, e.sqlState(), sql);
    assertEquals(detail, e.detail(), sql);
    return e;
  }

  private long copy(String sql, String data) {
    CopyInStatement st = assertInstanceOf(CopyInStatement.class, session.prepare(sql, new int[0]));
    CopyIn in = st.start(session);
    in.data(data.getBytes(StandardCharsets.UTF_8));
    return in.done();
  }

  @Test
  void defaultNamesAsPostgresGivesThem() {
    tag("CREATE TABLE collections (id bigint PRIMARY KEY, name text UNIQUE)");
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, email text UNIQUE, a int, b int,"
        + " price int CHECK (price > 0), collection_id bigint REFERENCES collections (id)"
        + " ON DELETE CASCADE, CHECK (a < b), CHECK (price < 1000), CHECK (1 = 1), UNIQUE (a, b))");
    assertEquals(List.of("items_pkey", "items_email_key", "items_price_check",
        "items_collection_id_fkey", "items_check", "items_price_check1", "items_check1",
        "items_a_b_key"), names("items"));
    TableSchema items = schema("items");
    assertEquals(List.of("id"), items.primaryKey());
    TableConstraint check = items.constraint("items_price_check");
    assertEquals(Kind.CHECK, check.kind());
    assertEquals("price > 0", check.checkSql());
    assertEquals(List.of("price"), check.columns());
    assertEquals(List.of("a", "b"), items.constraint("items_check").columns());
    assertEquals(List.of(), items.constraint("items_check1").columns());
    TableConstraint fk = items.constraint("items_collection_id_fkey");
    assertEquals(Kind.FOREIGN_KEY, fk.kind());
    assertEquals(List.of("collection_id"), fk.columns());
    assertEquals("collections", fk.refTable());
    assertEquals(List.of("id"), fk.refColumns());
    assertEquals(Action.CASCADE, fk.onDelete());
    assertEquals(Action.NO_ACTION, fk.onUpdate());
    assertEquals(List.of("a", "b"), items.constraint("items_a_b_key").columns());
    assertEquals(List.of("collections_pkey", "collections_name_key"), names("collections"));
  }

  @Test
  void tableConstraintsNamedAndReferencesResolved() {
    tag("CREATE TABLE owners (org int, login text, PRIMARY KEY (org, login))");
    tag("CREATE TABLE docs (id int CONSTRAINT docs_id PRIMARY KEY, org int, login text,"
        + " parent int REFERENCES docs ON DELETE SET NULL ON UPDATE RESTRICT,"
        + " CONSTRAINT owner_fk FOREIGN KEY (org, login) REFERENCES owners MATCH FULL,"
        + " CONSTRAINT positive CHECK (id > 0 AND (org IS NULL OR org >= 0)),"
        + " FOREIGN KEY (login, org) REFERENCES owners (login, org))");
    TableSchema docs = schema("docs");
    assertEquals(List.of("docs_id", "docs_parent_fkey", "owner_fk", "positive",
        "docs_login_org_fkey"), names("docs"));
    assertEquals("id > 0 AND (org IS NULL OR org >= 0)", docs.constraint("positive").checkSql());
    TableConstraint self = docs.constraint("docs_parent_fkey");
    assertEquals("docs", self.refTable());
    assertEquals(List.of("id"), self.refColumns());
    assertEquals(Action.SET_NULL, self.onDelete());
    assertEquals(Action.RESTRICT, self.onUpdate());
    TableConstraint owner = docs.constraint("owner_fk");
    assertEquals(List.of("org", "login"), owner.refColumns());
    assertTrue(owner.matchFull());
    assertEquals(List.of("login", "org"), docs.constraint("docs_login_org_fkey").refColumns());
  }

  @Test
  void syntaxVariants() {
    tag("CREATE TABLE p (id int PRIMARY KEY)");
    tag("CREATE TABLE t (a int CONSTRAINT a_nn NOT NULL CONSTRAINT a_ref REFERENCES p"
        + " ON UPDATE CASCADE ON DELETE RESTRICT, b int NULL DEFAULT 1 CHECK (b <> 0) UNIQUE,"
        + " CONSTRAINT t_ab CHECK ((a + b) > 0))");
    TableSchema t = schema("t");
    assertEquals(List.of("a_ref", "t_b_check", "t_b_key", "t_ab"), names("t"));
    assertEquals(true, t.columns().get(0).notNull());
    assertEquals(Action.RESTRICT, t.constraint("a_ref").onDelete());
    assertEquals(Action.CASCADE, t.constraint("a_ref").onUpdate());
    assertEquals("(a + b) > 0", t.constraint("t_ab").checkSql());
    assertEquals("1", t.columns().get(1).defaultSql());
    assertEquals("42601", error("CREATE TABLE u (a int REFERENCES p ON DELETE CASCADE ON DELETE"
        + " RESTRICT)").sqlState());
    assertEquals("42601", error("CREATE TABLE u (a int CHECK a > 0)").sqlState());
  }

  @Test
  void primaryKeyImpliesNotNullAndRedundantKeysAreDropped() {
    tag("CREATE TABLE t (a int, b text UNIQUE PRIMARY KEY, c int UNIQUE, CONSTRAINT k UNIQUE (b),"
        + " UNIQUE (c))");
    TableSchema t = schema("t");
    // the unnamed key takes the name of the redundant UNIQUE after it, as in PostgreSQL
    assertEquals(List.of("k", "t_c_key"), names("t"));
    assertEquals(true, t.columns().get(1).notNull());
    assertEquals(false, t.columns().get(0).notNull());
    tag("CREATE TABLE u (a int, b int, PRIMARY KEY (a, b), CONSTRAINT named UNIQUE (a, b))");
    assertEquals(List.of("named"), names("u"));
    assertEquals(true, schema("u").columns().get(0).notNull());
    assertEquals(true, schema("u").columns().get(1).notNull());
  }

  @Test
  void longNamesAreShortenedAsPostgresDoes() {
    String table = "t".repeat(40);
    String column = "c".repeat(40);
    tag("CREATE TABLE " + table + " (" + column + " int CHECK (" + column + " > 0), "
        + column + "2 int UNIQUE)");
    List<String> names = names(table);
    // 63 bytes: the longer part shortened first, the label kept
    assertEquals("t".repeat(28) + "_" + "c".repeat(28) + "_check", names.get(0));
    assertEquals("t".repeat(29) + "_" + "c".repeat(29) + "_key", names.get(1));
  }

  @Test
  void ddlErrorsAsPostgres() {
    tag("CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, n int)");
    assertError("42P16", "multiple primary keys for table \"t\" are not allowed",
        "CREATE TABLE t (a int PRIMARY KEY, b int PRIMARY KEY)");
    assertError("42703", "column \"x\" named in key does not exist",
        "CREATE TABLE t (a int, UNIQUE (x))");
    assertError("42701", "column \"a\" appears twice in primary key constraint",
        "CREATE TABLE t (a int, PRIMARY KEY (a, a))");
    assertError("42703", "column \"x\" does not exist", "CREATE TABLE t (a int CHECK (x > 0))");
    assertError("42804", "argument of CHECK must be type boolean, not type integer",
        "CREATE TABLE t (a int CHECK (a + 1))");
    assertError("0A000", "cannot use subquery in check constraint",
        "CREATE TABLE t (a int CHECK (a IN (SELECT 1)))");
    assertError("42803", "aggregate functions are not allowed in check constraints",
        "CREATE TABLE t (a int CHECK (count(*) > 0))");
    assertError("42710", "constraint \"c\" for relation \"t\" already exists",
        "CREATE TABLE t (a int CONSTRAINT c CHECK (a > 0), b int CONSTRAINT c CHECK (b > 0))");
    assertError("42P01", "relation \"nosuch\" does not exist",
        "CREATE TABLE t (a int REFERENCES nosuch)");
    assertError("42830", "there is no unique constraint matching given keys for referenced table \"p\"",
        "CREATE TABLE t (a int REFERENCES p (n))");
    assertError("42703", "column \"x\" referenced in foreign key constraint does not exist",
        "CREATE TABLE t (a int REFERENCES p (x))");
    assertError("42703", "column \"x\" referenced in foreign key constraint does not exist",
        "CREATE TABLE t (a int, FOREIGN KEY (x) REFERENCES p)");
    assertError("42830", "number of referencing and referenced columns for foreign key disagree",
        "CREATE TABLE t (a int, b int, FOREIGN KEY (a, b) REFERENCES p)");
    tag("CREATE TABLE nokey (a int)");
    assertError("42830", "there is no primary key for referenced table \"nokey\"",
        "CREATE TABLE t (a int REFERENCES nokey)");
    PgException e = error("CREATE TABLE t (a text REFERENCES p)");
    assertEquals("42804", e.sqlState());
    assertEquals("foreign key constraint \"t_a_fkey\" cannot be implemented", e.getMessage());
    assertEquals("Key columns \"a\" and \"id\" are of incompatible types: text and integer.",
        e.detail());
    assertError("0A000", "MATCH PARTIAL not yet implemented",
        "CREATE TABLE t (a int REFERENCES p MATCH PARTIAL)");
    assertEquals("CREATE TABLE", tag("CREATE TABLE t (a int REFERENCES p (id), b text REFERENCES p (code))"));
  }

  @Test
  void checkViolationOnInsertAsPostgres() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, price int CHECK (price > 0),"
        + " embedding vector(3))");
    assertViolation("23514",
        "new row for relation \"items\" violates check constraint \"items_price_check\"",
        "Failing row contains (1, -5, [1,2,3]).",
        "INSERT INTO items (price, embedding) VALUES (-5, '[1,2,3]')");
    // a CHECK that is NULL passes
    assertEquals("INSERT 0 2", tag("INSERT INTO items (price) VALUES (NULL), (3)"));
    // (the failed row took id 1 from the sequence; storage numbers from the next free block)
    assertEquals(table("NULL", "3"), rows("SELECT price FROM items ORDER BY id"));
    // INSERT ... SELECT and several rows: nothing stored when one fails
    assertViolation("23514",
        "new row for relation \"items\" violates check constraint \"items_price_check\"",
        "Failing row contains (40, 0, null).",
        "INSERT INTO items (id, price) SELECT 40, price - 3 FROM items WHERE price = 3");
    assertEquals("2", value("SELECT count(*) FROM items"));
    // in a transaction block too
    tag("BEGIN");
    assertViolation("23514",
        "new row for relation \"items\" violates check constraint \"items_price_check\"",
        "Failing row contains (9, -1, null).", "INSERT INTO items VALUES (9, -1, NULL)");
    tag("ROLLBACK");
  }

  @Test
  void checksRunInNameOrderAfterNotNull() {
    tag("CREATE TABLE t (a int NOT NULL, b int, CONSTRAINT z CHECK (b > 0),"
        + " CONSTRAINT y CHECK (b > 10), note text)");
    assertViolation("23514", "new row for relation \"t\" violates check constraint \"y\"",
        "Failing row contains (1, -1, null).", "INSERT INTO t (a, b) VALUES (1, -1)");
    assertViolation("23502", "null value in column \"a\" of relation \"t\" violates not-null constraint",
        "Failing row contains (null, -1, null).", "INSERT INTO t (b) VALUES (-1)");
    String longText = "x".repeat(70);
    assertViolation("23514", "new row for relation \"t\" violates check constraint \"y\"",
        "Failing row contains (1, 0, " + "x".repeat(64) + "...).",
        "INSERT INTO t VALUES (1, 0, '" + longText + "')");
    assertEquals("INSERT 0 1", tag("INSERT INTO t VALUES (1, 11, 'ok')"));
  }

  @Test
  void notNullDetailShowsTheSerialValue() {
    tag("CREATE TABLE t (id serial, name text NOT NULL, k int DEFAULT 7)");
    assertViolation("23502",
        "null value in column \"name\" of relation \"t\" violates not-null constraint",
        "Failing row contains (1, null, 7).", "INSERT INTO t (k) VALUES (DEFAULT)");
    // the sequence moved on, as PostgreSQL's nextval does
    assertTrue(Integer.parseInt(value("INSERT INTO t (name) VALUES ('a') RETURNING id")) > 1);
  }

  @Test
  void checkViolationOnCopy() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, price int CHECK (price > 0),"
        + " embedding vector(3))");
    PgException e = assertThrows(PgException.class,
        () -> copy("COPY items (price, embedding) FROM STDIN", "5\t[1,2,3]\n-5\t[1,2,3]\n"));
    assertEquals("23514", e.sqlState());
    assertEquals("new row for relation \"items\" violates check constraint \"items_price_check\"",
        e.getMessage());
    // (PostgreSQL shows 2: its first row took 1; here storage numbers stored rows later)
    assertEquals("Failing row contains (1, -5, [1,2,3]).", e.detail());
    assertEquals("0", value("SELECT count(*) FROM items"));
    e = assertThrows(PgException.class,
        () -> copy("COPY items (id, price, embedding) FROM STDIN WITH (FORMAT csv)", "7,0,\n"));
    assertEquals("Failing row contains (7, 0, null).", e.detail());
    assertEquals(2, copy("COPY items (price) FROM STDIN", "1\n\\N\n"));
  }

  @Test
  void constraintsSurviveReopening() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, price int CONSTRAINT positive CHECK (price > 0))");
    session.close();
    db.close();
    db = StoreDatabase.open(store(), withTestCacheSize(options()));
    engine = new CalciteSqlEngine(db);
    session = engine.openSession("postgres", "postgres", Map.of());
    assertEquals(List.of("items_pkey", "positive"), names("items"));
    assertError("23514", "new row for relation \"items\" violates check constraint \"positive\"",
        "INSERT INTO items (price) VALUES (0)");
  }

  @Test
  void uuidType() {
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        value("SELECT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid"));
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        value("SELECT '{a0eebc999c0b4ef8bb6d6bb9bd380a11}'::uuid"));
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        value("SELECT 'a0ee-bc99-9c0b-4ef8-bb6d-6bb9-bd38-0a11'::uuid"));
    assertError("22P02", "invalid input syntax for type uuid: \"a0eebc99-9c0b\"",
        "SELECT 'a0eebc99-9c0b'::uuid");
    assertError("22P02", "invalid input syntax for type uuid: \"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1-\"",
        "SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1-'::uuid");
    tag("CREATE TABLE t (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text, ids uuid)");
    TableSchema t = schema("t");
    assertEquals(ColumnType.TEXT, t.columns().get(0).type());
    assertEquals("uuid", t.columns().get(0).sqlType());
    assertEquals("gen_random_uuid()", t.columns().get(0).defaultSql());
    List<List<String>> r = rows("INSERT INTO t (name) VALUES ('a'), ('b') RETURNING id");
    assertTrue(r.get(0).get(0).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        r.toString());
    assertNotEquals(r.get(0).get(0), r.get(1).get(0));
    tag("INSERT INTO t VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'c')");
    assertEquals("c", value("SELECT name FROM t WHERE id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"));
    assertEquals("c", value("SELECT name FROM t WHERE id = '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}'::uuid"));
    QueryResult.Rows typed = (QueryResult.Rows) run("SELECT id, id::text FROM t LIMIT 1");
    assertEquals("uuid", typed.columns().get(0).type().name());
    assertEquals(2950, typed.columns().get(0).type().oid());
    assertEquals("text", typed.columns().get(1).type().name());
    assertError("42883", "operator does not exist: uuid = integer", "SELECT 1 FROM t WHERE id = 1");
    assertEquals("2951", value("SELECT typarray FROM pg_type WHERE typname = 'uuid'"));
    // binary form: the 16 bytes
    assertEquals("a0eebc999c0b4ef8bb6d6bb9bd380a11", HexFormat.of().formatHex(
        PgTypes.UUID.encodeBinary("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", PgTypes.UUID.decodeBinary(
        HexFormat.of().parseHex("a0eebc999c0b4ef8bb6d6bb9bd380a11")));
    assertEquals("{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}",
        PgTypes.UUID_ARRAY.encodeText(PgTypes.UUID_ARRAY.decodeText(
            "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11, null}")));
    Object[] back = (Object[]) PgTypes.UUID_ARRAY.decodeBinary(PgTypes.UUID_ARRAY.encodeBinary(
        new Object[] {"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null}));
    assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", back[0]);
    assertEquals(null, back[1]);
  }

  @Test
  void defaultExpressions() {
    tag("CREATE TABLE t (id bigserial, t1 timestamptz DEFAULT now(),"
        + " t2 timestamptz DEFAULT CURRENT_TIMESTAMP, label text DEFAULT 'x', n int DEFAULT 2 * 3,"
        + " u uuid DEFAULT gen_random_uuid() NOT NULL)");
    assertEquals("INSERT 0 1", tag("INSERT INTO t DEFAULT VALUES"));
    assertEquals("INSERT 0 1", tag("INSERT INTO t VALUES (DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT)"));
    assertEquals("INSERT 0 1", tag("INSERT INTO t (label, n) VALUES (DEFAULT, 1)"));
    assertEquals(table("1|x|6|t|t|t", "2|x|6|t|t|t", "3|x|1|t|t|t"), rows(
        "SELECT id, label, n, t1 IS NOT NULL, t2 <= now(), u IS NOT NULL FROM t ORDER BY id"));
    assertEquals("3", value("SELECT count(DISTINCT u) FROM t"));
    assertEquals(2, copy("COPY t (label) FROM STDIN", "a\nb\n"));
    assertEquals(table("a|6|t", "b|6|t"),
        rows("SELECT label, n, u IS NOT NULL AND t1 IS NOT NULL FROM t WHERE id > 3 ORDER BY id"));
  }
}
