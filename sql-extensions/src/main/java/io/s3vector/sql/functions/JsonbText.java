package io.s3vector.sql.functions;

/**
 * jsonb's canonical text, as PostgreSQL prints it: {@code {"a": 1, "b": [1, 2]}}: one space after
 * ':' and ',', duplicate keys collapsed (the last wins) and keys ordered shorter first, then
 * bytewise; numbers as numeric prints them ({@link Json#jsonb()}).
 */
public final class JsonbText {
  private JsonbText() {}

  public static String normalise(String text) {
    return Json.parse(text).jsonb();
  }
}
