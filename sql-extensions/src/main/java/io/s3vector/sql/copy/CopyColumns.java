package io.s3vector.sql.copy;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;

/** COPY's column list against a table, with PostgreSQL's errors (both directions). */
final class CopyColumns {
  private CopyColumns() {}

  /** Schema positions of the listed columns, in list order; no list means every column. */
  static int[] targets(TableSchema schema, List<String> names) {
    List<ColumnSpec> columns = schema.columns();
    if (names == null) {
      int[] all = new int[columns.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] targets = new int[names.size()];
    for (int i = 0; i < targets.length; i++) {
      String name = names.get(i);
      targets[i] = schema.indexOf(name);
      if (targets[i] < 0) {
        throw undefined(name, schema.name());
      }
      for (int j = 0; j < i; j++) {
        if (targets[j] == targets[i]) {
          throw new PgException("42701", "column \"" + name + "\" specified more than once");
        }
      }
    }
    return targets;
  }

  static List<String> names(TableSchema schema, int[] targets) {
    List<String> names = new ArrayList<>(targets.length);
    for (int t : targets) {
      names.add(schema.columns().get(t).name());
    }
    return names;
  }

  static PgException undefined(String column, String table) {
    return new PgException(SqlState.UNDEFINED_COLUMN,
        "column \"" + column + "\" of relation \"" + io.s3vector.sql.catalog.SchemaNames.tableOf(table) + "\" does not exist");
  }
}
