package io.s3vector.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.lex.PgLexer;
import io.s3vector.sql.lex.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

  @Test
  void splitsOnTopLevelSemicolonsOnly() {
    assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;y\"", "SELECT $$c;d$$", "SELECT E'e\\';f'"),
        PgLexer.splitStatements(
            "SELECT 'a;b'; SELECT \"x;y\";SELECT $$c;d$$ ; SELECT E'e\\';f';"));
    assertEquals(List.of("SELECT 1", "SELECT 2 /* ; */"),
        PgLexer.splitStatements("SELECT 1; -- comment ; here\n; SELECT 2 /* ; */"));
    assertEquals(List.of(), PgLexer.splitStatements(" ; -- nothing\n ;"));
    assertEquals(List.of("SELECT $tag$ a;b $tag$"), PgLexer.splitStatements("SELECT $tag$ a;b $tag$"));
    assertEquals(List.of("SELECT 1 /* nested /* ; */ ; */"),
        PgLexer.splitStatements("SELECT 1 /* nested /* ; */ ; */"));
    // one statement without ';' or a comment is not lexed to be split
    assertEquals(List.of("INSERT INTO t VALUES ('[1,2]')"),
        PgLexer.splitStatements("\n  INSERT INTO t VALUES ('[1,2]')  \n"));
    assertEquals(List.of(), PgLexer.splitStatements(" \n\t "));
    assertEquals(List.of(), PgLexer.splitStatements(" -- only a comment"));
    assertEquals(List.of(), PgLexer.splitStatements("/* only a comment */"));
  }

  @Test
  void oneStatementWithTrailingSemicolonsIsOneWhateverItQuotes() {
    assertEquals(List.of("INSERT INTO t VALUES ('[1,2]', 'it''s')"),
        PgLexer.splitStatements("INSERT INTO t VALUES ('[1,2]', 'it''s') ; ;\n"));
    // a semicolon in a quote left open stays in it: the lexer reports the quote
    PgException open = assertThrows(PgException.class,
        () -> PgLexer.tokenize(PgLexer.splitStatements("SELECT 'abc;").get(0)));
    assertEquals("unterminated quoted string at or near \"'abc;\"", open.getMessage());
    assertEquals(List.of("SELECT \"it's\"", "SELECT 'x'"),
        PgLexer.splitStatements("SELECT \"it's\"; SELECT 'x';"));
    PgException quoted = assertThrows(PgException.class,
        () -> PgLexer.splitStatements("SELECT \"a'b\" FROM t WHERE x = 'c;"));
    assertEquals("unterminated quoted string at or near \"'c;\"", quoted.getMessage());
  }

  @Test
  void doubledQuotesAreOneQuoteInTheValue() {
    List<Token> tokens = PgLexer.tokenize("SELECT 'a''b''''c', '''', \"x\"\"y\"");
    assertEquals("a'b''c", tokens.get(1).text());
    assertEquals("'", tokens.get(3).text());
    assertEquals("x\"y", tokens.get(5).text());
  }

  @Test
  void rewritesPlaceholdersArraysAndStrings() {
    String sql = "SELECT $2, $1::real[], $2 <-> E'it''s\\n', $$x'y$$ FROM t";
    List<Token> tokens = PgLexer.tokenize(sql);
    CalciteText text = CalciteText.of(sql, tokens, 0, tokens.size());
    assertEquals("SELECT ?, ?::real ARRAY, ? <-> 'it''s\n', 'x''y' FROM t", text.text());
    assertArrayEquals(new int[] {2, 1, 2}, text.paramNumbers());
  }

  @Test
  void mapsPositionsBackToTheOriginalText() {
    String sql = "SELECT $1,   $$a$$ + x";
    List<Token> tokens = PgLexer.tokenize(sql);
    CalciteText text = CalciteText.of(sql, tokens, 0, tokens.size());
    int plus = text.text().indexOf('+');
    assertEquals(sql.indexOf('+'), text.originalOffset(1, plus + 1));
  }

  @Test
  void unterminatedQuotesAreSyntaxErrors() {
    PgException e = assertThrows(PgException.class, () -> PgLexer.tokenize("SELECT 'abc"));
    assertEquals("42601", e.sqlState());
    assertEquals("unterminated quoted string at or near \"'abc\"", e.getMessage());
    assertThrows(PgException.class, () -> PgLexer.tokenize("SELECT /* x"));
  }
}
