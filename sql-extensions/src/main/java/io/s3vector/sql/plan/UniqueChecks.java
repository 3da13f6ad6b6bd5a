package io.s3vector.sql.plan;

import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.KeyIndexes;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.table.TableSnapshot;
import io.s3vector.storage.table.UniqueViolationException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A statement's check of its new rows' unique keys against what it reads (inside a transaction
 * block, where the commit comes later: PostgreSQL reports a duplicate key at the statement). The
 * commit checks again against the newest manifest.
 */
final class UniqueChecks {
  private UniqueChecks() {}

  /**
   * Fails when a row of {@code rows} has a key a live row of {@code snapshot} holds (other than
   * the rows {@code replaced}, which the statement deletes), or an earlier row of {@code rows}.
   */
  static void check(java.util.function.Supplier<TableSnapshot> snapshots, TableSchema schema,
      List<Object[]> rows, Set<Long> replaced) {
    if (schema.uniqueKeys().isEmpty()) {
      return;
    }
    TableSnapshot snapshot = snapshots.get();
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      int[] columns = schema.indexesOf(key.columns());
      TreeSet<Object[]> seen = KeyIndex.newKeySet();
      for (Object[] row : rows) {
        Object[] value = KeyIndexes.key(row, columns);
        if (java.util.Arrays.asList(value).contains(null)) {
          continue;
        }
        long existing = snapshot.findKey(key, value);
        if (!seen.add(value) || (existing >= 0 && !replaced.contains(existing))) {
          throw new UniqueViolationException(key.name(), key.columns(), value);
        }
      }
    }
  }
}
