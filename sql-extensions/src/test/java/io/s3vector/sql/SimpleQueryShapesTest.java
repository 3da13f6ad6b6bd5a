package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.session.LiteralShape;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements of a simple query with constants: planned once per shape, with the constants as
 * parameters ({@code LiteralShape}), and the same results and errors as when planned as written.
 */
class SimpleQueryShapesTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE docs (id bigint PRIMARY KEY, name varchar(5), price numeric(4,1), "
        + "day date, embedding vector(3))");
  }

  private SqlSession.Bound simple(String sql) {
    return session.prepareSimple(sql);
  }

  private String runSimple(String sql) {
    try {
      SqlSession.Bound bound = simple(sql);
      QueryResult result = session.execute(bound.statement(), bound.parameters());
      return result instanceof QueryResult.Command c ? c.tag() : result.toString();
    } catch (PgException e) {
      session.onError();
      throw e;
    }
  }

  @Test
  void insertsOfOneShapeShareOnePlanAndStoreTheirOwnValues() {
    SqlSession.Bound first = simple("INSERT INTO docs VALUES (1, 'a', 1.25, '2026-01-01', '[1,2,3]')");
    SqlSession.Bound second = simple("INSERT INTO docs VALUES (2, 'b', 2, '2026-01-02', '[4,5,6]')");
    assertSame(first.statement(), second.statement());
    assertEquals(5, first.parameters().length);
    assertEquals(List.of(1, "a"), List.of(first.parameters()).subList(0, 2), "1 is an int4");
    session.execute(first.statement(), first.parameters());
    session.execute(second.statement(), second.parameters());
    assertEquals("INSERT 0 2", runSimple("INSERT INTO docs VALUES (3, E'c\\n', -7, '2026-01-03', "
        + "'[7,8,9]'), (4, $$d$$, 99.9, DATE '2026-01-04', '[1,1,1]')"));
    assertEquals("UPDATE 1", runSimple("UPDATE docs SET price = price + 1, name = 'z' WHERE id = 2"));
    assertEquals("DELETE 1", runSimple("DELETE FROM docs WHERE price > 99"));
    assertEquals(table("1|a|1.3|2026-01-01|[1,2,3]", "2|z|3.0|2026-01-02|[4,5,6]",
        "3|c\n|-7.0|2026-01-03|[7,8,9]"), rows("SELECT * FROM docs ORDER BY id"));
  }

  @Test
  void aConstantThatIsNoValidInputFailsAsWhenPlannedAsWritten() {
    runSimple("INSERT INTO docs VALUES (1, 'a', 1, '2026-01-01', '[1,2,3]')");
    PgException bad = assertThrows(PgException.class,
        () -> runSimple("INSERT INTO docs VALUES (2, 'a', 1, '2026-01-01', '[1,x,3]')"));
    assertEquals("22P02", bad.sqlState());
    assertEquals("invalid input syntax for type vector: \"[1,x,3]\"", bad.getMessage());
    assertEquals(51, bad.position(), "the constant's place in the text");
    PgException dims = assertThrows(PgException.class,
        () -> runSimple("INSERT INTO docs VALUES (2, 'a', 1, '2026-01-01', '[1,3]')"));
    assertEquals("expected 3 dimensions, not 2", dims.getMessage());
    PgException key = assertThrows(PgException.class,
        () -> runSimple("INSERT INTO docs VALUES ('x', 'a', 1, '2026-01-01', '[1,2,3]')"));
    assertEquals("invalid input syntax for type bigint: \"x\"", key.getMessage());
    PgException duplicate = assertThrows(PgException.class,
        () -> runSimple("INSERT INTO docs VALUES (1, 'a', 1, '2026-01-01', '[1,2,3]')"));
    assertEquals("23505", duplicate.sqlState());
  }

  /** Typed as PostgreSQL types a parameter, without the column's modifier: the cast checks it. */
  @Test
  void aConstantSetValueIsCheckedEvenWhenNoRowMatches() {
    // PostgreSQL folds the constant at planning: "expected 3 dimensions, not 2" with no row;
    // here the simple query's constant is a parameter of the shape's plan
    PgException e = assertThrows(PgException.class,
        () -> runSimple("UPDATE docs SET embedding = '[1,2]' WHERE id = 99"));
    assertEquals("expected 3 dimensions, not 2", e.getMessage());
    assertEquals("UPDATE 0", runSimple("UPDATE docs SET embedding = '[1,2,3]' WHERE id = 99"));
  }

  @Test
  void lengthsAndPrecisionsAreCheckedForConstantsAndParametersAlike() {
    for (String sql : List.of("INSERT INTO docs (id, name) VALUES (1, 'abcdefgh')",
        "INSERT INTO docs (id, name) VALUES ($1, $2)")) {
      PgException e = assertThrows(PgException.class,
          () -> run(sql, 1L, "abcdefgh"));
      assertEquals("22001", e.sqlState(), sql);
      assertEquals("value too long for type character varying(5)", e.getMessage());
      assertThrows(PgException.class, () -> runSimple("INSERT INTO docs (id, name) VALUES (1, 'abcdefgh')"));
    }
    PgException overflow = assertThrows(PgException.class,
        () -> runSimple("INSERT INTO docs (id, price) VALUES (1, 12345.6)"));
    assertEquals("numeric field overflow", overflow.getMessage());
    assertEquals("INSERT 0 1", runSimple("INSERT INTO docs (id, name, price) VALUES (1, 'abc   ', 1.26)"));
    assertEquals(table("abc  |1.3"), rows("SELECT name, price FROM docs"));
  }

  @Test
  void aShapeThatCannotBePlannedRunsAsWritten() {
    // two strings of unknown type around || plan as text only where they are constants
    assertEquals("INSERT 0 1", runSimple("INSERT INTO docs (id, name) VALUES (1, 'a' || 'b')"));
    assertEquals("INSERT 0 1", runSimple("INSERT INTO docs (id, name) VALUES (2, 'c' || 'd')"));
    assertEquals(table("1|ab", "2|cd"), rows("SELECT id, name FROM docs ORDER BY id"));
  }

  @Test
  void aShapeWhoseTableDidNotExistYetIsPlannedOnceItDoes() {
    assertThrows(PgException.class, () -> runSimple("INSERT INTO later (id) VALUES (1)"));
    tag("CREATE TABLE later (id int)");
    SqlSession.Bound first = simple("INSERT INTO later (id) VALUES (2)");
    assertSame(first.statement(), simple("INSERT INTO later (id) VALUES (3)").statement(),
        "planned by its shape");
  }

  @Test
  void aTableCreatedAgainUnderTheNameIsPlannedAgain() {
    assertEquals("INSERT 0 1", runSimple("INSERT INTO docs (id, name) VALUES (1, 'a')"));
    tag("DROP TABLE docs");
    tag("CREATE TABLE docs (name text, id int PRIMARY KEY)");
    assertEquals("INSERT 0 1", runSimple("INSERT INTO docs (id, name) VALUES (7, 'b')"));
    assertEquals(table("b|7"), rows("SELECT * FROM docs"));
  }

  @Test
  void constantsWhoseMeaningAParameterWouldChangeStayInTheText() {
    assertEquals(null, shape("SELECT 1"));
    assertEquals(null, shape("INSERT INTO docs SELECT 1 ORDER BY 1"));
    assertEquals("INSERT INTO docs (id, name) VALUES ($1, $2) RETURNING id, 'x', 2",
        shape("INSERT INTO docs (id, name) VALUES (1, 'a') RETURNING id, 'x', 2"));
    assertEquals("INSERT INTO docs (id, day, name) VALUES ($1, DATE '2026-01-01', "
            + "$2::varchar(3))",
        shape("INSERT INTO docs (id, day, name) VALUES (1, DATE '2026-01-01', 'x'::varchar(3))"));
    assertEquals("UPDATE docs SET name = lower('A') WHERE id IN ($1, $2) AND price > -$3",
        shape("UPDATE docs SET name = lower('A') WHERE id IN (1, 2) AND price > -1.5"));
    assertEquals(null, shape("UPDATE docs SET name = lower('A')"));
  }

  @Test
  void numbersAreTypedAsPostgresTypesTheirConstants() {
    LiteralShape s = LiteralShape.of("DELETE FROM docs WHERE id IN "
            + "(2147483647, 2147483648, 9223372036854775808, 1.5, 1e3, 'x')");
    assertEquals(List.of(23, 20, 1700, 1700, 1700, 0),
        java.util.Arrays.stream(s.typeOids()).boxed().toList());
    assertEquals(List.of("2147483647", "2147483648", "9223372036854775808", "1.5", "1e3", "x"),
        List.of(s.values()));
  }

  private static String shape(String sql) {
    LiteralShape s = LiteralShape.of(sql);
    return s == null ? null : s.sql();
  }
}
