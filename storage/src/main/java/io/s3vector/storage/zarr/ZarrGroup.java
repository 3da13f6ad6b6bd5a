package io.s3vector.storage.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import io.s3vector.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The two metadata files of a Zarr v2 group: {@code .zgroup} and the free-form {@code .zattrs}. */
public final class ZarrGroup {

  public static final String GROUP_FILE = ".zgroup";
  public static final String ATTRS_FILE = ".zattrs";

  private static final byte[] ZGROUP =
      "{\n    \"zarr_format\": 2\n}".getBytes(StandardCharsets.UTF_8);

  private ZarrGroup() {}

  public static byte[] zgroupJson() {
    return ZGROUP.clone();
  }

  public static byte[] attrsJson(JsonNode attributes) {
    try {
      return ArrayMeta.JSON.writeValueAsBytes(attributes);
    } catch (IOException e) {
      throw new StorageException("could not write .zattrs", e);
    }
  }

  public static JsonNode parseAttrs(byte[] json) {
    try {
      return ArrayMeta.JSON.readTree(json);
    } catch (IOException e) {
      throw new StorageException("corrupt .zattrs: " + e.getMessage(), e);
    }
  }
}
