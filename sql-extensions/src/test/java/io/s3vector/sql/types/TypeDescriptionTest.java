package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.s3vector.sql.catalog.CatalogTypes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each type's description of itself against the pg_type row of a real PostgreSQL 15 + pgvector
 * (catalog/pg_type.txt), so what pg_type says of the types we speak is PostgreSQL's.
 */
class TypeDescriptionTest {

  private static Map<Integer, TypeDescription> dumped() throws Exception {
    Map<Integer, TypeDescription> out = new HashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        CatalogTypes.class.getResourceAsStream("pg_type.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          TypeDescription d = TypeDescription.parse(line);
          out.put(d.oid(), d);
        }
      }
    }
    return out;
  }

  @Test
  void everyTypeWeSpeakDescribesItselfAsPostgreSqlDoes() throws Exception {
    Map<Integer, TypeDescription> dumped = dumped();
    for (PgType t : PgTypes.all()) {
      TypeDescription real = dumped.get(t.oid());
      assertNotNull(real, t.name());
      assertEquals(real, t.description(), t.name());
    }
  }

  @Test
  void catalogListsArraysOfTheTypesWeSpeak() {
    for (PgType t : PgTypes.all()) {
      int array = t.description().array();
      if (array != 0) {
        assertEquals(t.oid(), CatalogTypes.byOid(array).elem(), t.name());
      }
    }
    assertEquals("vector[]", CatalogTypes.byOid(16389).displayName());
    assertEquals(TypeDescription.PUBLIC, CatalogTypes.byName("sparsevec").namespace());
  }
}
