package io.s3vector.storage.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.s3vector.storage.table.Fixtures;
import io.s3vector.storage.table.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A schema copied from the last one written reads exactly as one written field by field. */
class RememberedSchemaSerializerTest {

  /** The JSON form without the remembered schema, as it was written before. */
  private static final ObjectMapper FIELD_BY_FIELD = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .setSerializationInclusion(JsonInclude.Include.ALWAYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private record Holder(String name, TableSchema schema, List<TableSchema> more) {}

  private static String compact(Object value) {
    return new String(CatalogJson.writeCompact(value), StandardCharsets.UTF_8);
  }

  @Test
  void theSameSchemaTwiceAndThenAnotherAreWrittenAsFieldByField() throws Exception {
    TableSchema items = Fixtures.items("items");
    TableSchema all = Fixtures.allTypes("all");
    for (Holder holder : List.of(new Holder("a", items, List.of()),
        new Holder("b", items, List.of(items, all)), new Holder("c", all, List.of(items)))) {
      String written = compact(holder);
      assertEquals(FIELD_BY_FIELD.writeValueAsString(holder), written);
      assertEquals(holder, CatalogJson.MAPPER.readValue(written, Holder.class));
    }
    // indented output is written field by field, and reads back the same
    Map<String, TableSchema> wrapped = Map.of("s", items);
    assertEquals(FIELD_BY_FIELD.writerWithDefaultPrettyPrinter().writeValueAsString(wrapped),
        new String(CatalogJson.write(wrapped), StandardCharsets.UTF_8));
  }
}
