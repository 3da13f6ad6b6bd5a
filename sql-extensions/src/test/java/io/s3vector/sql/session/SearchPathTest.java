package io.s3vector.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchPathTest {

  @Test
  void aSearchPathValueListsItsSchemasAsPostgresReadsThem() {
    assertEquals(List.of("alice", "public"), SearchPath.listed("\"$user\", public", "alice"));
    assertEquals(List.of("alice", "public"), SearchPath.listed("$user,PUBLIC", "alice"));
    assertEquals(List.of("My Schema", "app"), SearchPath.listed(" \"My Schema\" , App ", "u"));
    assertEquals(List.of(), SearchPath.listed("", "u"));
  }
}
