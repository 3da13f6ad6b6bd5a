package io.s3vector.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.PgException;
import io.s3vector.sql.lex.PgLexer;
import io.s3vector.sql.lex.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both COPY syntaxes, both directions, and PostgreSQL 15's option errors. */
class CopyStatementParserTest {

  private static CopyStatementParser.Parsed parse(String sql) {
    return CopyStatementParser.parse(sql, PgLexer.tokenize(sql));
  }

  private static PgException error(String sql) {
    return assertThrows(PgException.class, () -> parse(sql));
  }

  private static void assertError(String state, String message, String sql) {
    PgException e = error(sql);
    assertEquals(message, e.getMessage());
    assertEquals(state, e.sqlState());
  }

  @Test
  void forceNotNullAndForceNullAreCsvCopyFromOptions() {
    CopyOptions o = parse("COPY t FROM STDIN (FORMAT csv, FORCE_NOT_NULL (a), FORCE_NULL (b, c))").options();
    assertEquals(List.of("a"), o.forceNotNull());
    assertEquals(List.of("b", "c"), o.forceNull());
    assertEquals(List.of("a"), parse("COPY t FROM STDIN WITH CSV FORCE NOT NULL a").options().forceNotNull());
    assertError("0A000", "COPY force null available only in CSV mode", "COPY t FROM STDIN (FORCE_NULL (a))");
    assertError("0A000", "COPY force not null only available using COPY FROM",
        "COPY t TO STDOUT (FORMAT csv, FORCE_NOT_NULL (a))");
  }

  @Test
  void tableToStdoutWithOptions() {
    CopyStatementParser.Parsed p = parse(
        "COPY public.items (id, \"Name\") TO STDOUT WITH (FORMAT csv, HEADER, DELIMITER ';',"
            + " NULL 'none', QUOTE '''', ESCAPE '\\', FORCE_QUOTE (id))");
    assertTrue(p.to());
    assertEquals(java.util.List.of("public", "items"), p.table());
    assertEquals(List.of("id", "Name"), p.columns());
    assertNull(p.query());
    CopyOptions o = p.options();
    assertEquals(CopyOptions.Format.CSV, o.format());
    assertTrue(o.header());
    assertEquals(';', o.delimiter());
    assertEquals("none", o.nullString());
    assertEquals('\'', o.quote());
    assertEquals('\\', o.escape());
    assertEquals(List.of("id"), o.forceQuote());
    assertFalse(o.forceQuoteAll());
  }

  @Test
  void defaultsPerFormatAndTheOldSyntax() {
    CopyOptions text = parse("COPY t TO STDOUT").options();
    assertEquals('\t', text.delimiter());
    assertEquals("\\N", text.nullString());
    CopyOptions csv = parse("COPY t TO STDOUT CSV HEADER FORCE QUOTE *").options();
    assertEquals(',', csv.delimiter());
    assertEquals("", csv.nullString());
    assertEquals('"', csv.quote());
    assertEquals('"', csv.escape());
    assertTrue(csv.header());
    assertTrue(csv.forceQuoteAll());
    assertEquals(CopyOptions.Format.BINARY, parse("COPY t TO STDOUT WITH BINARY").options().format());
    assertEquals(CopyOptions.Format.BINARY, parse("COPY BINARY t TO STDOUT").options().format());
    assertEquals(CopyOptions.Format.BINARY, parse("COPY t TO STDOUT (FORMAT 'binary')").options().format());
    assertEquals(List.of("a", "b"),
        parse("COPY t TO STDOUT CSV QUOTE AS '$' FORCE QUOTE a, b").options().forceQuote());
    assertTrue(parse("COPY t TO STDOUT (HEADER on)").options().header()); // PostgreSQL 15: text too
    assertFalse(parse("COPY t TO STDOUT (FORMAT csv, HEADER false)").options().header());
    assertFalse(parse("COPY t FROM STDIN").to());
  }

  @Test
  void queryFormKeepsTheQueryTokens() {
    String sql = "COPY (SELECT id FROM t ORDER BY embedding <-> '[1,2]' LIMIT (2)) TO STDOUT (FORMAT csv)";
    CopyStatementParser.Parsed p = parse(sql);
    assertTrue(p.to());
    assertNull(p.table());
    List<Token> q = p.query();
    assertEquals("SELECT id FROM t ORDER BY embedding <-> '[1,2]' LIMIT (2)",
        sql.substring(q.get(0).start(), q.get(q.size() - 1).end()));
    assertError("42601", "syntax error at or near \"FROM\"", "COPY (SELECT 1) FROM STDIN");
    assertError("42601", "syntax error at or near \"COPY\"", "COPY (COPY t TO STDOUT) TO STDOUT");
    assertError("42601", "syntax error at or near \")\"", "COPY () TO STDOUT");
  }

  @Test
  void serverFilesAndProgramsAreRefusedAsForANonSuperuser() {
    PgException e = error("COPY t TO '/tmp/t.csv' (FORMAT csv)");
    assertEquals("42501", e.sqlState());
    assertEquals("must be superuser or have privileges of the pg_write_server_files role to COPY to a file",
        e.getMessage());
    assertEquals("Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.",
        e.hint());
    assertError("42501", "must be superuser or have privileges of the pg_execute_server_program role"
        + " to COPY to or from an external program", "COPY (SELECT 1) TO PROGRAM 'gzip > /tmp/x'");
  }

  @Test
  void optionErrorsInPostgresOrder() {
    assertError("0A000", "cannot specify HEADER in BINARY mode", "COPY t TO STDOUT (FORMAT binary, HEADER)");
    assertError("42601", "cannot specify DELIMITER in BINARY mode", "COPY t TO STDOUT (FORMAT binary, DELIMITER ',')");
    assertError("42601", "cannot specify NULL in BINARY mode", "COPY t TO STDOUT BINARY NULL 'x'");
    assertError("0A000", "cannot use \"match\" with HEADER in COPY TO", "COPY t TO STDOUT (FORMAT csv, HEADER match)");
    assertError("0A000", "COPY quote available only in CSV mode", "COPY t TO STDOUT (QUOTE '\"')");
    assertError("0A000", "COPY escape available only in CSV mode", "COPY t TO STDOUT (ESCAPE '\"')");
    assertError("0A000", "COPY force quote available only in CSV mode", "COPY t TO STDOUT (FORCE_QUOTE *)");
    assertError("0A000", "COPY force quote only available using COPY TO", "COPY t FROM STDIN (FORMAT csv, FORCE_QUOTE *)");
    assertError("0A000", "COPY delimiter must be a single one-byte character", "COPY t TO STDOUT (DELIMITER 'ab')");
    assertError("0A000", "COPY delimiter must be a single one-byte character", "COPY t TO STDOUT (DELIMITER 'é')");
    assertError("22023", "COPY delimiter cannot be \"x\"", "COPY t TO STDOUT (DELIMITER 'x')");
    assertError("22023", "COPY delimiter and quote must be different", "COPY t TO STDOUT CSV QUOTE ','");
    assertError("0A000", "COPY delimiter must not appear in the NULL specification", "COPY t TO STDOUT CSV NULL 'a,b'");
    assertError("0A000", "CSV quote character must not appear in the NULL specification", "COPY t TO STDOUT CSV NULL '\"'");
    assertError("42601", "header requires a Boolean value", "COPY t TO STDOUT (HEADER maybe)");
    assertError("22023", "COPY format \"xml\" not recognized", "COPY t TO STDOUT (FORMAT xml)");
    PgException e = error("COPY t TO STDOUT (FORMAT csv, FORMAT text)");
    assertEquals("conflicting or redundant options", e.getMessage());
    assertEquals("COPY t TO STDOUT (FORMAT csv, ".length() + 1, e.position());
    assertError("42601", "option \"bogus\" not recognized", "COPY t TO STDOUT (bogus)");
    assertError("42601", "syntax error at or near \"extra\"", "COPY t TO STDOUT (FORMAT csv) extra");
  }
}
