package io.s3vector.storage.layout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.s3vector.storage.StorageException;
import java.io.IOException;

/**
 * The JSON form of the manifest and the segment attributes: the records as they are, with
 * snake_case names as in the rest of Zarr's metadata, unknown fields ignored so that newer
 * writers' additions do not break older readers.
 */
public final class CatalogJson {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
              .setSerializerModifier(new RememberedSchemaSerializer.Modifier()))
          // the records' accessors called through generated lambdas, not reflection: a
          // manifest or a pack's attributes is written at every commit
          .registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule());

  /** Without indentation: what is written at every small commit (a pack's attributes, a manifest). */
  public static final ObjectWriter COMPACT = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  private CatalogJson() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new StorageException("could not write " + value.getClass().getSimpleName(), e);
    }
  }

  /** {@link #write} without indentation. */
  public static byte[] writeCompact(Object value) {
    try {
      return COMPACT.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new StorageException("could not write " + value.getClass().getSimpleName(), e);
    }
  }

  public static <T> T read(byte[] json, Class<T> type, String what) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new StorageException("corrupt " + what + ": " + e.getMessage(), e);
    }
  }
}
