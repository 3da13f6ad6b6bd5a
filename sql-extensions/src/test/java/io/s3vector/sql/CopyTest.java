package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CopyTest extends SqlTestBase {

  @BeforeEach
  void table() {
    tag("CREATE TABLE items (id bigserial PRIMARY KEY, category text, k int DEFAULT 7, embedding vector(3))");
  }

  private long copy(String sql, byte[] data, int chunk) {
    CopyInStatement st = assertInstanceOf(CopyInStatement.class, session.prepare(sql, new int[0]));
    CopyIn in = st.start(session);
    for (int i = 0; i < data.length; i += chunk) {
      byte[] part = java.util.Arrays.copyOfRange(data, i, Math.min(data.length, i + chunk));
      in.data(part);
    }
    return in.done();
  }

  private long copy(String sql, String data, int chunk) {
    return copy(sql, data.getBytes(StandardCharsets.UTF_8), chunk);
  }

  @Test
  void textFormatWithEscapesAndNulls() {
    CopyInStatement st = (CopyInStatement) session.prepare("COPY items (category, embedding) FROM STDIN", new int[0]);
    assertEquals(0, st.format());
    assertEquals(2, st.columnCount());
    assertEquals(3, copy("COPY items (category, embedding) FROM STDIN",
        "a\t[1,2,3]\nb\\tc\t[4,5,6]\n\\N\t\\N\n\\.\n", 3));
    assertEquals(table("1|a|7|[1,2,3]", "2|b\tc|7|[4,5,6]", "3|NULL|7|NULL"),
        rows("SELECT * FROM items ORDER BY id"));
  }

  @Test
  void csvWithHeaderQuotesAndMessagesSplitAnywhere() {
    String csv = "category,embedding\r\n\"x, \"\"quoted\"\"\",\"[1,2,3]\"\n\"multi\nline\",\"[0,0,1]\"\n,\n";
    assertEquals(3, copy("COPY items (category, embedding) FROM STDIN WITH (FORMAT csv, HEADER true)", csv, 1));
    assertEquals(table("x, \"quoted\"|[1,2,3]", "multi\nline|[0,0,1]", "NULL|NULL"),
        rows("SELECT category, embedding FROM items ORDER BY id"));
    assertEquals(1, copy("COPY items (category, embedding) FROM STDIN CSV DELIMITER ';' NULL 'none'",
        "none;[7,8,9]", 100));
    assertEquals("[7,8,9]", value("SELECT embedding FROM items WHERE category IS NULL AND id = 4"));
  }

  @Test
  void binaryFormat() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
    out.writeInt(0);
    out.writeInt(0);
    for (int r = 0; r < 2; r++) {
      out.writeShort(2);
      byte[] text = ("c" + r).getBytes(StandardCharsets.UTF_8);
      out.writeInt(text.length);
      out.write(text);
      out.writeInt(4 + 12);
      out.writeShort(3);
      out.writeShort(0);
      for (int d = 0; d < 3; d++) {
        out.writeFloat(r + d * 0.5f);
      }
    }
    out.writeShort(-1);
    CopyInStatement st = (CopyInStatement) session.prepare(
        "COPY items (category, embedding) FROM STDIN WITH (FORMAT binary)", new int[0]);
    assertEquals(1, st.format());
    assertEquals(2, copy("COPY items (category, embedding) FROM STDIN WITH (FORMAT binary)", bytes.toByteArray(), 5));
    assertEquals(table("c0|[0,0.5,1]", "c1|[1,1.5,2]"), rows("SELECT category, embedding FROM items ORDER BY id"));
  }

  @Test
  void aDuplicateKeyFailsTheCopyWithPostgresError() {
    tag("CREATE TABLE keyed (id int PRIMARY KEY, a int, b int, UNIQUE NULLS NOT DISTINCT (a, b))");
    tag("INSERT INTO keyed VALUES (1, 1, NULL)");
    // it was an internal error (XX000): the commit's check threw storage's exception
    PgException e = assertThrows(PgException.class,
        () -> copy("COPY keyed FROM STDIN", "2\t2\t2\n1\t3\t3\n", 10));
    assertEquals("23505", e.sqlState());
    assertEquals("duplicate key value violates unique constraint \"keyed_pkey\"", e.getMessage());
    assertEquals("Key (id)=(1) already exists.", e.detail());
    e = assertThrows(PgException.class, () -> copy("COPY keyed FROM STDIN", "3\t1\t\\N\n", 10));
    assertEquals("Key (a, b)=(1, null) already exists.", e.detail());
    assertEquals("1", value("SELECT count(*) FROM keyed"));
  }

  @Test
  void errorsAndTransactions() {
    PgException e = assertThrows(PgException.class, () -> copy("COPY items (category, embedding) FROM STDIN", "a\n", 10));
    assertEquals("missing data for column \"embedding\"", e.getMessage());
    e = assertThrows(PgException.class, () -> copy("COPY items (category, embedding) FROM STDIN", "a\t[1,2,3]\tx\n", 10));
    assertEquals("extra data after last expected column", e.getMessage());
    e = assertThrows(PgException.class, () -> copy("COPY items (category, embedding) FROM STDIN", "a\t[1,2]\n", 10));
    assertEquals("expected 3 dimensions, not 2", e.getMessage());
    assertError("42703", "column \"nosuch\" of relation \"items\" does not exist", "COPY items (nosuch) FROM STDIN");
    assertError("0A000", "COPY FROM a file is not supported, use COPY FROM STDIN (psql's \\copy)",
        "COPY items FROM '/tmp/x.csv'");
    tag("BEGIN");
    assertEquals(2, copy("COPY items (category, embedding) FROM STDIN", "a\t[1,2,3]\nb\t[1,1,1]\n", 4));
    assertEquals("2", value("SELECT count(*) FROM items"));
    tag("ROLLBACK");
    assertEquals("0", value("SELECT count(*) FROM items"));
    CopyIn in = ((CopyInStatement) session.prepare("COPY items (category) FROM STDIN", new int[0])).start(session);
    in.data("a\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("COPY from stdin failed: cancelled", in.fail("cancelled").getMessage());
  }

  @Test
  void textFastPathKeepsEscapesBlanksAndErrors() {
    String sql = "COPY items (category, embedding) FROM STDIN";
    assertEquals(5, copy(sql, "x\\\ty\t[ 1e0, 2.5E+0 ,-3]\r\nb\t\\[4,5,6]\nc\t\\N\nd\t[1.5e-3,-0,16777217]\n"
        + "\\N\t[7,8,9]", 7));
    assertEquals(table("x\ty|[1,2.5,-3]", "b|[4,5,6]", "c|NULL", "d|[0.0015,-0,1.6777216e+07]", "NULL|[7,8,9]"),
        rows("SELECT category, embedding FROM items ORDER BY id"));
    assertEquals(1, copy("COPY items (category, embedding) FROM STDIN DELIMITER ','", "e,[1\\,2\\,3]\n", 3));
    assertEquals("[1,2,3]", value("SELECT embedding FROM items WHERE category = 'e'"));
    PgException e = assertThrows(PgException.class, () -> copy(sql, "a\t[1,x,3]\n", 10));
    assertEquals("22P02", e.sqlState());
    assertEquals("invalid input syntax for type vector: \"[1,x,3]\"", e.getMessage());
    e = assertThrows(PgException.class, () -> copy(sql, "a\t[1,NaN,3]\n", 10));
    assertEquals("NaN not allowed in vector", e.getMessage());
    e = assertThrows(PgException.class, () -> copy(sql, "a\t[1,2,3,4]\n", 10));
    assertEquals("expected 3 dimensions, not 4", e.getMessage());
    e = assertThrows(PgException.class, () -> copy(sql, "a\t[1,2,3]\tb\tc\n", 10));
    assertEquals("extra data after last expected column", e.getMessage());
    assertEquals("6", value("SELECT count(*) FROM items"));
  }

  @Test
  void binaryErrors() throws IOException {
    String sql = "COPY items (category, embedding) FROM STDIN WITH (FORMAT binary)";
    PgException e = assertThrows(PgException.class, () -> copy(sql, binary(2, 16, 3, Float.NaN), 4));
    assertEquals("NaN not allowed in vector", e.getMessage());
    e = assertThrows(PgException.class, () -> copy(sql, binary(2, 12, 2, 1), 4));
    assertEquals("expected 3 dimensions, not 2", e.getMessage());
    e = assertThrows(PgException.class, () -> copy(sql, binary(2, 12, 3, 1), 4));
    assertEquals("22P03", e.sqlState());
    e = assertThrows(PgException.class, () -> copy(sql, binary(-5, 16, 3, 1), 4));
    assertEquals("row field count is -5, expected 2", e.getMessage());
    assertEquals("0", value("SELECT count(*) FROM items"));
  }

  /** One tuple (a text field, then a vector field of the given length, dims and elements). */
  private static byte[] binary(int fields, int length, int dims, float element) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0});
    out.writeInt(0);
    out.writeInt(0);
    out.writeShort(fields);
    out.writeInt(1);
    out.write('a');
    out.writeInt(length);
    out.writeShort(dims);
    out.writeShort(0);
    for (int d = 0; d < (length - 4) / 4; d++) {
      out.writeFloat(element);
    }
    out.writeShort(-1);
    return bytes.toByteArray();
  }
}
