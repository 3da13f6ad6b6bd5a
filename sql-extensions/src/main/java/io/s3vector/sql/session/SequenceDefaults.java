package io.s3vector.sql.session;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.Oids;
import io.s3vector.sql.catalog.Relations;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.SequenceSpec;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column defaults that call nextval of a sequence of CREATE SEQUENCE ({@code DEFAULT
 * nextval('s'::regclass)}, as pg_dump writes a serial column): PostgreSQL records them as
 * depending on the sequence, so DROP SEQUENCE refuses them, or with CASCADE drops the defaults.
 */
final class SequenceDefaults {
  /** nextval of a constant name, typed regclass or untyped (both make the dependency). */
  private static final Pattern NEXTVAL = Pattern.compile(
      "(?i)nextval\\s*\\(\\s*'((?:[^']|'')*)'\\s*(?:::\\s*regclass\\s*)?\\)");

  private SequenceDefaults() {}

  /** A column whose default calls nextval of the sequence. */
  private record Dependent(String table, String column) {
    String describe() {
      return "default value for column " + column + " of table " + SchemaNames.tableOf(table);
    }
  }

  /**
   * Before dropping the sequence {@code storage}: PostgreSQL's 2BP01 when column defaults call
   * it, unless {@code cascade}, which drops those defaults (with its notice).
   */
  static void dropDependents(PgSession s, String storage, boolean cascade) {
    SequenceSpec spec = s.database().sequences().get(storage);
    if (spec == null) {
      return;
    }
    long oid = Oids.standaloneSequence(spec.id());
    List<Dependent> dependents = new ArrayList<>();
    for (String table : s.database().tableNames()) {
      TableSchema schema = s.database().table(table).map(t -> t.schema()).orElse(null);
      if (schema == null) {
        continue;
      }
      for (ColumnSpec c : schema.columns()) {
        if (callsNextval(c.defaultSql(), oid, s)) {
          dependents.add(new Dependent(table, c.name()));
        }
      }
    }
    if (dependents.isEmpty()) {
      return;
    }
    String name = SchemaNames.tableOf(storage);
    List<String> lines = new ArrayList<>();
    if (!cascade) {
      dependents.forEach(d -> lines.add(d.describe() + " depends on sequence " + name));
      throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + name
          + " because other objects depend on it", String.join("\n", lines),
          "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
    }
    s.notice(Notice.dropCascades(dependents.stream().map(Dependent::describe).toList()));
    for (Dependent d : dependents) {
      s.database().alterTable(d.table(), schema -> {
        List<ColumnSpec> columns = new ArrayList<>(schema.columns());
        int at = schema.indexOf(d.column());
        if (at < 0 || !callsNextval(columns.get(at).defaultSql(), oid, s)) {
          return schema;
        }
        ColumnSpec c = columns.get(at);
        columns.set(at, new ColumnSpec(c.name(), c.type(), c.sqlType(), c.dimension(), c.notNull(),
            c.serial(), null, c.addedAs(), c.missing(), c.identity(), c.identityStart(),
            c.sequence()));
        return schema.withColumns(columns, schema.comments());
      });
    }
  }

  private static boolean callsNextval(String defaultSql, long oid, PgSession s) {
    if (defaultSql == null) {
      return false;
    }
    Matcher m = NEXTVAL.matcher(defaultSql);
    while (m.find()) {
      Long named = Relations.oidOf(m.group(1).replace("''", "'"), s);
      if (named != null && named == oid) {
        return true;
      }
    }
    return false;
  }
}
