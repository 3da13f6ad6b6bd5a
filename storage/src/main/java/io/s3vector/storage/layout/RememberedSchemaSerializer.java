package io.s3vector.storage.layout;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.s3vector.storage.table.TableSchema;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Writes a table's schema as JSON once per schema object and then copies the text: every small
 * commit writes its pack's attributes, which hold the whole schema (columns, types, constraints),
 * and serializing it field by field was a sixth of a single-row INSERT's own time. A table's
 * writes share one {@link TableSchema} object until the schema changes, so the last one is kept
 * by identity. Only compact output is copied; indented output (read by people) is written as it
 * always was.
 */
final class RememberedSchemaSerializer extends StdSerializer<TableSchema>
    implements ResolvableSerializer {

  /** Puts this serializer in front of the bean serializer Jackson makes for {@link TableSchema}. */
  static final class Modifier extends BeanSerializerModifier {
    @Override
    public JsonSerializer<?> modifySerializer(SerializationConfig config,
        BeanDescription description, JsonSerializer<?> serializer) {
      return description.getBeanClass() == TableSchema.class
          ? new RememberedSchemaSerializer(serializer) : serializer;
    }
  }

  private record Written(TableSchema schema, String json) {}

  private final JsonSerializer<Object> plain;
  private volatile Written last;

  @SuppressWarnings("unchecked")
  private RememberedSchemaSerializer(JsonSerializer<?> plain) {
    super(TableSchema.class);
    this.plain = (JsonSerializer<Object>) plain;
  }

  @Override
  public void resolve(SerializerProvider provider) throws JsonMappingException {
    if (plain instanceof ResolvableSerializer resolvable) {
      resolvable.resolve(provider);
    }
  }

  @Override
  public void serialize(TableSchema schema, JsonGenerator out, SerializerProvider provider)
      throws IOException {
    if (out.getPrettyPrinter() != null) {
      plain.serialize(schema, out, provider);
      return;
    }
    Written seen = last;
    if (seen == null || seen.schema() != schema) {
      StringWriter text = new StringWriter();
      try (JsonGenerator own = CatalogJson.MAPPER.getFactory().createGenerator(text)) {
        plain.serialize(schema, own, provider);
      }
      seen = new Written(schema, text.toString());
      last = seen;
    }
    out.writeRawValue(seen.json());
  }
}
