package io.s3vector.sql.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jsonb's canonical text, as PostgreSQL prints it: {@code {"a": 1, "b": [1, 2]}}: one space after
 * ':' and ',', duplicate keys collapsed (the last wins) and keys ordered shorter first, then
 * bytewise. Numbers keep their written form.
 */
public final class JsonbText {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonbText() {}

  public static String normalise(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
    }
    if (node == null) {
      throw new PgException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json");
    }
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        fields.put(e.getKey(), e.getValue());
      }
      List<String> keys = new ArrayList<>(fields.keySet());
      keys.sort((a, b) -> {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (x.length != y.length) {
          return Integer.compare(x.length, y.length);
        }
        return java.util.Arrays.compareUnsigned(x, y);
      });
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append(new TextNode(keys.get(i)).toString()).append(": ");
        write(fields.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isBigDecimal()) {
      out.append(node.decimalValue().toPlainString());
    } else {
      out.append(node.toString());
    }
  }
}
