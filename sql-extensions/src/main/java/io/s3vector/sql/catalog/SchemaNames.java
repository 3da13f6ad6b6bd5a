package io.s3vector.sql.catalog;

import java.util.List;

/**
 * How a table's schema and name make the one name storage keeps it under: a table of {@code
 * public} under its own name (so stores written before schemas existed read unchanged), a table of
 * another schema under {@code schema + U+001F + name}. The separator is a control character no
 * one writes in an identifier, so a public table may still be called {@code "a.b"}.
 */
public final class SchemaNames {
  public static final String PUBLIC = "public";
  public static final String PG_CATALOG = "pg_catalog";
  public static final String INFORMATION_SCHEMA = "information_schema";
  /** The schemas that always exist and hold no user tables. */
  public static final List<String> SYSTEM = List.of(PG_CATALOG, INFORMATION_SCHEMA);

  private static final char SEPARATOR = '\u001F';

  private SchemaNames() {}

  /** The storage name of table {@code table} in schema {@code schema}. */
  public static String storageName(String schema, String table) {
    return schema.equals(PUBLIC) ? table : schema + SEPARATOR + table;
  }

  /** The schema of a stored table. */
  public static String schemaOf(String storageName) {
    int at = storageName.indexOf(SEPARATOR);
    return at < 0 ? PUBLIC : storageName.substring(0, at);
  }

  /** The table's own name, as PostgreSQL shows it in relname and in messages. */
  public static String tableOf(String storageName) {
    int at = storageName.indexOf(SEPARATOR);
    return at < 0 ? storageName : storageName.substring(at + 1);
  }

  /**
   * A stored table's name as PostgreSQL's deparsers print it with the default search_path: bare
   * in {@code public}, else qualified; each part quoted when it needs quotes.
   */
  public static String display(String storageName) {
    String schema = schemaOf(storageName);
    String table = Identifiers.quote(tableOf(storageName));
    return schema.equals(PUBLIC) ? table : Identifiers.quote(schema) + "." + table;
  }

  /** Whether a stored table lives in {@code schema}. */
  public static boolean inSchema(String storageName, String schema) {
    return schemaOf(storageName).equals(schema);
  }
}
