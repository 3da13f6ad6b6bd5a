package io.s3vector.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementKeywordTest {
  @Test
  void firstKeywordSkipsCommentsAndParentheses() {
    assertEquals("insert", ImplicitTransaction.firstKeyword("  -- hi\n /* x */ INSERT INTO t"));
    assertEquals("select", ImplicitTransaction.firstKeyword("(SELECT 1)"));
    assertEquals("", ImplicitTransaction.firstKeyword("   "));
    assertEquals("copy", ImplicitTransaction.firstKeyword("COPY t FROM STDIN"));
  }
}
