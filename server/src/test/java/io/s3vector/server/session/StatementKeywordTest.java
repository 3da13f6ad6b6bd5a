package io.s3vector.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementKeywordTest {
  @Test
  void firstKeywordSkipsCommentsAndParentheses() {
    assertEquals("insert", ImplicitTransaction.firstKeyword("  -- hi\n /* x */ INSERT INTO t"));
    assertEquals("select", ImplicitTransaction.firstKeyword("(SELECT 1)"));
    assertEquals("", ImplicitTransaction.firstKeyword("   "));
    assertEquals("copy", ImplicitTransaction.firstKeyword("COPY t FROM STDIN"));
  }

  @Test
  void onConflictIsFoundInAnyCaseAndSpacingAsWordsOnly() {
    assertTrue(ImplicitTransaction.hasOnConflict("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING"));
    assertTrue(ImplicitTransaction.hasOnConflict("insert into t values (1) on\n\t conflict (id) do nothing"));
    assertTrue(ImplicitTransaction.hasOnConflict("INSERT INTO t VALUES (1)\nOn Conflict"));
    assertFalse(ImplicitTransaction.hasOnConflict("INSERT INTO t VALUES (1)"));
    assertFalse(ImplicitTransaction.hasOnConflict("INSERT INTO t (con, conflicts) VALUES (1, 2)"));
    assertFalse(ImplicitTransaction.hasOnConflict("INSERT INTO t (onconflict) VALUES (1)"));
    assertFalse(ImplicitTransaction.hasOnConflict("INSERT INTO t (son) VALUES (1) -- on conflicted"));
    assertFalse(ImplicitTransaction.hasOnConflict("INSERT INTO won conflict_x VALUES (1)"));
  }
}
