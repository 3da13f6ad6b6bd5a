package io.s3vector.sql.catalog;

import io.s3vector.sql.catalog.UserTables.Column;
import io.s3vector.sql.catalog.UserTables.Index;
import io.s3vector.sql.catalog.UserTables.UserTable;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.SequenceSpec;
import java.util.List;
import java.util.Map;

/**
 * Relation names and OIDs, as {@code regclass} reads and prints them: the database's tables,
 * indexes and sequences in public, and the catalog relations of pg_catalog and
 * information_schema (with PostgreSQL 15's OIDs, so {@code 'pg_class'::regclass} is 1259 and
 * {@code pg_description.classoid} compares as clients expect).
 */
public final class Relations {
  /** pg_catalog's relations and their OIDs in PostgreSQL 15. */
  static final Map<String, Long> PG_CATALOG = Map.ofEntries(
      Map.entry("pg_am", 2601L),
      Map.entry("pg_attrdef", 2604L),
      Map.entry("pg_attribute", 1249L),
      Map.entry("pg_auth_members", 1261L),
      Map.entry("pg_authid", 1260L),
      Map.entry("pg_cast", 2605L),
      Map.entry("pg_class", 1259L),
      Map.entry("pg_collation", 3456L),
      Map.entry("pg_constraint", 2606L),
      Map.entry("pg_database", 1262L),
      Map.entry("pg_depend", 2608L),
      Map.entry("pg_description", 2609L),
      Map.entry("pg_enum", 3501L),
      Map.entry("pg_event_trigger", 3466L),
      Map.entry("pg_extension", 3079L),
      Map.entry("pg_foreign_data_wrapper", 2328L),
      Map.entry("pg_foreign_server", 1417L),
      Map.entry("pg_foreign_table", 3118L),
      Map.entry("pg_index", 2610L),
      Map.entry("pg_indexes", 12043L),
      Map.entry("pg_inherits", 2611L),
      Map.entry("pg_language", 2612L),
      Map.entry("pg_matviews", 12038L),
      Map.entry("pg_namespace", 2615L),
      Map.entry("pg_opclass", 2616L),
      Map.entry("pg_partitioned_table", 3350L),
      Map.entry("pg_policy", 3256L),
      Map.entry("pg_proc", 1255L),
      Map.entry("pg_publication", 6104L),
      Map.entry("pg_publication_namespace", 6237L),
      Map.entry("pg_publication_rel", 6106L),
      Map.entry("pg_range", 3541L),
      Map.entry("pg_rewrite", 2618L),
      Map.entry("pg_roles", 12000L),
      Map.entry("pg_sequence", 2224L),
      Map.entry("pg_sequences", 12048L),
      Map.entry("pg_settings", 12104L),
      Map.entry("pg_shdescription", 2396L),
      Map.entry("pg_stat_gssapi", 12253L),
      Map.entry("pg_statistic_ext", 3381L),
      Map.entry("pg_tables", 12033L),
      Map.entry("pg_tablespace", 1213L),
      Map.entry("pg_trigger", 2620L),
      Map.entry("pg_type", 1247L),
      Map.entry("pg_user", 12014L),
      Map.entry("pg_views", 12028L));

  /** information_schema's views and their OIDs in PostgreSQL 15. */
  static final Map<String, Long> INFORMATION_SCHEMA = Map.of(
      "columns", 13295L, "key_column_usage", 13329L, "schemata", 13382L,
      "sequences", 13386L, "table_constraints", 13411L, "tables", 13425L, "views", 13483L);

  private Relations() {}

  /**
   * The OID of a relation name as regclass_in resolves it ({@code items}, {@code public.items},
   * {@code pg_catalog.pg_class}, {@code "Items"}), or null. An unqualified name is looked up in
   * pg_catalog first, then in the schemas of the session's search_path, as PostgreSQL does.
   */
  public static Long oidOf(String text, io.s3vector.sql.session.PgSession session) {
    Database database = session.database();
    List<String> parts = Identifiers.parse(text);
    String name = parts.get(parts.size() - 1);
    String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
    if (schema == null || schema.equals("pg_catalog")) {
      Long oid = PG_CATALOG.get(name);
      if (oid != null || schema != null) {
        return oid;
      }
    }
    if ("information_schema".equals(schema)) {
      return INFORMATION_SCHEMA.get(name);
    }
    List<String> path = schema != null ? List.of(schema)
        : io.s3vector.sql.session.SearchPath.schemas(session);
    for (String in : path) {
      Long oid = oidIn(in, name, database);
      if (oid != null) {
        return oid;
      }
    }
    return null;
  }

  /** The OID of the table, index or sequence {@code name} in schema {@code schema}, or null. */
  private static Long oidIn(String schema, String name, Database database) {
    for (UserTable t : UserTables.of(database)) {
      if (!t.schemaName().equals(schema)) {
        continue;
      }
      if (t.name().equals(name)) {
        return t.oid();
      }
      for (Index i : t.indexes()) {
        if (i.name().equals(name)) {
          return i.oid();
        }
      }
      for (Column c : t.serialColumns()) {
        if (t.sequenceName(c).equals(name)) {
          return Oids.sequence(t.table(), c.spec().name());
        }
      }
    }
    SequenceSpec sequence = database.sequences().get(SchemaNames.storageName(schema, name));
    return sequence == null ? null : Oids.standaloneSequence(sequence.id());
  }

  /** Whether {@code oid} is one of pg_catalog's relations, which no ALTER may change. */
  public static boolean isSystemCatalog(long oid) {
    return PG_CATALOG.containsValue(oid);
  }

  private static final java.util.regex.Pattern REGCLASS_CONSTANT =
      java.util.regex.Pattern.compile("'((?:[^']|'')*)'::regclass");

  /**
   * A stored expression as PostgreSQL deparses it: a {@code 'name'::regclass} constant naming a
   * relation shows the relation's name as regclass prints it now (a DEFAULT written {@code
   * nextval('public.s'::regclass)}, as pg_dump writes it, shows {@code nextval('s'::regclass)}).
   */
  public static String deparsed(String expression, io.s3vector.sql.session.PgSession session) {
    if (expression == null || !expression.contains("::regclass")) {
      return expression;
    }
    java.util.regex.Matcher m = REGCLASS_CONSTANT.matcher(expression);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Long oid = oidOf(m.group(1).replace("''", "'"), session);
      String name = oid == null ? m.group(1) : nameOf(oid, session).replace("'", "''");
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement("'" + name + "'::regclass"));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** regclass_out: the relation's name (qualified when not on the search path), or the digits. */
  public static String nameOf(long oid, io.s3vector.sql.session.PgSession session) {
    Database database = session.database();
    for (Map.Entry<String, Long> e : PG_CATALOG.entrySet()) {
      if (e.getValue() == oid) {
        return e.getKey();
      }
    }
    for (Map.Entry<String, Long> e : INFORMATION_SCHEMA.entrySet()) {
      if (e.getValue() == oid) {
        return "information_schema." + e.getKey();
      }
    }
    if (oid >= Oids.FIRST_USER) {
      for (UserTable t : UserTables.of(database)) {
        // qualified unless an unqualified name finds it
        String prefix = io.s3vector.sql.session.SearchPath.schemas(session).contains(t.schemaName())
            && io.s3vector.sql.session.SearchPath.visible(session, t.table().name())
            ? "" : Identifiers.quote(t.schemaName()) + ".";
        if (t.oid() == oid) {
          return prefix + Identifiers.quote(t.name());
        }
        for (Index i : t.indexes()) {
          if (i.oid() == oid) {
            return prefix + Identifiers.quote(i.name());
          }
        }
        for (Column c : t.serialColumns()) {
          if (Oids.sequence(t.table(), c.spec().name()) == oid) {
            return prefix + Identifiers.quote(t.sequenceName(c));
          }
        }
      }
      StandaloneSequences.Sequence s = StandaloneSequences.withOid(oid, database);
      if (s != null) {
        boolean visible = visible(oid, session);
        return (visible ? "" : Identifiers.quote(s.schemaName()) + ".") + Identifiers.quote(s.name());
      }
    }
    return Long.toString(oid);
  }

  /**
   * pg_table_is_visible: a built-in relation always; a user table when an unqualified name finds
   * it, an index or sequence when its table's schema is on the search_path.
   */
  public static boolean visible(long oid, io.s3vector.sql.session.PgSession session) {
    if (oid < Oids.FIRST_USER) {
      return true;
    }
    List<String> path = io.s3vector.sql.session.SearchPath.schemas(session);
    for (UserTable t : UserTables.of(session.database())) {
      if (t.oid() == oid) {
        return io.s3vector.sql.session.SearchPath.visible(session, t.table().name());
      }
      boolean own = t.indexes().stream().anyMatch(i -> i.oid() == oid) || t.serialColumns().stream()
          .anyMatch(c -> Oids.sequence(t.table(), c.spec().name()) == oid);
      if (own) {
        return path.contains(t.schemaName());
      }
    }
    StandaloneSequences.Sequence s = StandaloneSequences.withOid(oid, session.database());
    if (s != null) {
      return io.s3vector.sql.session.SearchPath.sequenceStorageNameOf(session, List.of(s.name()))
          .map(s.storageName()::equals).orElse(false);
    }
    return true;
  }

  /** The user table with this OID, or null. */
  public static UserTable table(long oid, Database database) {
    if (oid < Oids.FIRST_USER) {
      return null;
    }
    for (UserTable t : UserTables.of(database)) {
      if (t.oid() == oid) {
        return t;
      }
    }
    return null;
  }

  /** The table and index of an index OID, or null. */
  public record IndexOf(UserTable table, Index index) {}

  public static IndexOf index(long oid, Database database) {
    if (oid < Oids.FIRST_USER) {
      return null;
    }
    for (UserTable t : UserTables.of(database)) {
      for (Index i : t.indexes()) {
        if (i.oid() == oid) {
          return new IndexOf(t, i);
        }
      }
    }
    return null;
  }
}
