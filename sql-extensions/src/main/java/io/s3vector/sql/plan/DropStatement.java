package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.QueryResult;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.SearchPath;
import io.s3vector.sql.session.PlannedStatement;
import java.util.List;

/**
 * DROP TABLE / DROP INDEX [IF EXISTS] name, ...: every name is checked before any is dropped. A
 * table name is looked up on the search_path; index names are unique in the store.
 */
public final class DropStatement extends PlannedStatement {
  private final boolean table;
  private final boolean ifExists;
  /** Each name's parts as written ({@code app.docs}: two). */
  private final List<List<String>> names;

  private final boolean cascade;

  public DropStatement(String sql, boolean table, boolean ifExists, List<List<String>> names,
      boolean cascade) {
    super(sql);
    this.table = table;
    this.ifExists = ifExists;
    this.names = names;
    this.cascade = cascade;
  }

  @Override
  public QueryResult execute(PgSession session, Object[] parameters) {
    if (!table) {
      List<String> indexes = new java.util.ArrayList<>();
      for (List<String> parts : names) {
        indexes.add(parts.get(parts.size() - 1));
      }
      for (String name : indexes) {
        if (session.database().tableOfIndex(name).isEmpty() && !ifExists) {
          throw new PgException(SqlState.UNDEFINED_OBJECT, "index \"" + name + "\" does not exist");
        }
      }
      for (String name : indexes) {
        java.util.Optional<io.s3vector.storage.table.Table> t = session.database().tableOfIndex(name)
            .flatMap(n -> session.database().table(n));
        if (t.isPresent()) {
          if (!SecondaryIndexStatement.drop(session, t.get().schema().name(), name)) {
            t.get().dropIndex(name);
          }
        } else {
          session.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "index \"" + name + "\" does not exist, skipping"));
        }
      }
      return new QueryResult.Command("DROP INDEX");
    }
    List<String> stored = new java.util.ArrayList<>();
    for (List<String> parts : names) {
      String name = parts.get(parts.size() - 1);
      java.util.Optional<String> found = SearchPath.storageNameOf(session, parts);
      if (parts.size() > 1 && !SearchPath.exists(session.database(), parts.get(parts.size() - 2))) {
        if (!ifExists) {
          SearchPath.requireSchemaOf(session, parts);
        }
        session.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "schema \"" + parts.get(parts.size() - 2) + "\" does not exist, skipping"));
        continue;
      }
      if (found.isEmpty() && !ifExists) {
        throw new PgException(SqlState.UNDEFINED_TABLE, "table \"" + name + "\" does not exist");
      }
      if (found.isEmpty()) {
        session.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "table \"" + name + "\" does not exist, skipping"));
      } else if (!stored.contains(found.get())) {
        stored.add(found.get());
      }
    }
    List<String> cascaded = ForeignKeys.dropReferences(session.database(), stored, cascade);
    io.s3vector.sql.Notice notice = io.s3vector.sql.Notice.dropCascades(cascaded);
    if (notice != null) {
      session.notice(notice);
    }
    for (String name : stored) {
      if (!session.database().dropTable(name)) {
        session.notice(io.s3vector.sql.Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "table \"" + SchemaNames.tableOf(name) + "\" does not exist, skipping"));
      }
      session.block().forget(name);
    }
    return new QueryResult.Command("DROP TABLE");
  }
}
