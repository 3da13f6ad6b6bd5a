package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Name lookup as PostgreSQL's {@code search_path} does it: a qualified name in its schema, an
 * unqualified one in the first schema of the path that has it, a new table in the first schema of
 * the path that exists. Tables are kept under {@link SchemaNames#storageName}.
 */
public final class SearchPath {
  private SearchPath() {}

  /** Whether the schema exists: a built-in one, or one CREATE SCHEMA made. */
  public static boolean exists(Database database, String schema) {
    return schema.equals(SchemaNames.PUBLIC) || SchemaNames.SYSTEM.contains(schema)
        || database.schemaNames().contains(schema);
  }

  /** The schemas of the session's search_path that exist, in order ({@code current_schemas(false)}). */
  public static List<String> schemas(PgSession session) {
    List<String> out = new ArrayList<>();
    for (String name : listed(session.setting("search_path"), session.user())) {
      if (!out.contains(name) && exists(session.database(), name)) {
        out.add(name);
      }
    }
    return out;
  }

  /**
   * What DDL statements check first, as PostgreSQL's RangeVarGetRelid does: a qualified name whose
   * schema does not exist is 3F000 {@code schema "x" does not exist}.
   */
  public static void requireSchemaOf(PgSession session, List<String> names) {
    if (names.size() > 1 && !exists(session.database(), names.get(names.size() - 2))) {
      throw new PgException(SqlState.INVALID_SCHEMA_NAME,
          "schema \"" + names.get(names.size() - 2) + "\" does not exist");
    }
  }

  /** The storage name of the table {@code names} refers to, if there is one. */
  public static Optional<Table> find(PgSession session, List<String> names) {
    return storageNameOf(session, names).flatMap(n -> session.database().table(n));
  }

  /** The storage name of the existing table {@code names} (1 to 3 parts) refers to. */
  public static Optional<String> storageNameOf(PgSession session, List<String> names) {
    Database database = session.database();
    return storageNameOf(session, names, storage -> database.table(storage).isPresent());
  }

  /** The storage name of the existing sequence of CREATE SEQUENCE {@code names} refers to. */
  public static Optional<String> sequenceStorageNameOf(PgSession session, List<String> names) {
    java.util.Set<String> sequences = session.database().sequences().keySet();
    return storageNameOf(session, names, sequences::contains);
  }

  /** The storage name {@code names} finds among the relations {@code stored} accepts. */
  private static Optional<String> storageNameOf(PgSession session, List<String> names,
      java.util.function.Predicate<String> stored) {
    String relation = names.get(names.size() - 1);
    if (names.size() > 1) {
      String schema = names.get(names.size() - 2);
      String storage = SchemaNames.storageName(schema, relation);
      return exists(session.database(), schema) && stored.test(storage)
          ? Optional.of(storage) : Optional.empty();
    }
    for (String schema : schemas(session)) {
      String storage = SchemaNames.storageName(schema, relation);
      if (!SchemaNames.SYSTEM.contains(schema) && stored.test(storage)) {
        return Optional.of(storage);
      }
    }
    return Optional.empty();
  }

  /**
   * The schema a new relation named {@code names} goes to: the one written (3F000 when it does not
   * exist), else the first existing schema of the path (3F000 when none does).
   */
  public static String creationSchema(PgSession session, List<String> names) {
    if (names.size() > 1) {
      String schema = names.get(names.size() - 2);
      if (!exists(session.database(), schema)) {
        throw new PgException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
      }
      return schema;
    }
    for (String schema : schemas(session)) {
      if (!SchemaNames.SYSTEM.contains(schema)) {
        return schema;
      }
    }
    throw new PgException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
  }

  /** The storage name a new table {@code names} gets. */
  public static String storageNameForCreate(PgSession session, List<String> names) {
    return SchemaNames.storageName(creationSchema(session, names), names.get(names.size() - 1));
  }

  /** Whether an unqualified name finds this stored table (pg_table_is_visible). */
  public static boolean visible(PgSession session, String storageName) {
    String table = SchemaNames.tableOf(storageName);
    return storageNameOf(session, List.of(table)).map(storageName::equals).orElse(false);
  }

  /**
   * The schema names of a search_path value: comma-separated, double-quoted ones as written,
   * others lower-cased; {@code $user} is the session user's schema.
   */
  static List<String> listed(String value, String user) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String name : io.s3vector.sql.catalog.Identifiers.split(value, ',')) {
      String schema = name.equals("$user") ? user : name;
      if (!schema.isEmpty()) {
        out.add(schema);
      }
    }
    return out;
  }
}
