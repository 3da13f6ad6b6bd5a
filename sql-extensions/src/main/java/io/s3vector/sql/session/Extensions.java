package io.s3vector.sql.session;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.storage.table.Database;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which databases have run {@code CREATE EXTENSION vector}. pgvector is built in, so the types and
 * operators work without it; what this keeps is PostgreSQL's answer to running it again: 42710
 * {@code extension "vector" already exists}, or with IF NOT EXISTS a notice. The mark lives as long
 * as the server's database is open (a restarted server takes one more CREATE EXTENSION vector).
 */
final class Extensions {
  private static final Map<Database, Boolean> CREATED = Collections.synchronizedMap(new WeakHashMap<>());

  private Extensions() {}

  /**
   * DROP EXTENSION vector: PostgreSQL's 2BP01 while a column is of its types (0A000 with CASCADE,
   * which would drop those columns), else the next CREATE EXTENSION vector runs again.
   */
  static void drop(PgSession session, boolean cascade) {
    java.util.List<String> dependents = new java.util.ArrayList<>();
    for (String table : session.database().tableNames()) {
      session.database().table(table).ifPresent(t -> {
        for (io.s3vector.storage.table.ColumnSpec c : t.schema().columns()) {
          if (c.type() == io.s3vector.storage.table.ColumnType.VECTOR) {
            dependents.add("column " + c.name() + " of table "
                + io.s3vector.sql.catalog.SchemaNames.tableOf(table) + " depends on type vector");
          }
        }
      });
    }
    if (!dependents.isEmpty()) {
      if (cascade) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "DROP EXTENSION vector CASCADE of"
            + " columns of type vector is not supported yet", String.join("\n", dependents),
            "Drop the columns or their tables first.", 0, null);
      }
      throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
          "cannot drop extension vector because other objects depend on it",
          String.join("\n", dependents), "Use DROP ... CASCADE to drop the dependent objects too.",
          0, null);
    }
    CREATED.remove(session.database());
  }

  /** CREATE EXTENSION [IF NOT EXISTS] name, for an extension we have. */
  static void create(PgSession session, String name, boolean ifNotExists) {
    if (CREATED.putIfAbsent(session.database(), Boolean.TRUE) == null) {
      return;
    }
    if (!ifNotExists) {
      throw new PgException(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
    }
    session.notice(Notice.notice(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists, skipping"));
  }
}
