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
    check(snapshots, schema, rows, replaced, (key, value) -> false);
  }

  /**
   * {@link #check}, where {@code buffered} also says whether rows the snapshot does not show (a
   * transaction's rows not yet written out) hold a key.
   */
  static void check(java.util.function.Supplier<TableSnapshot> snapshots, TableSchema schema,
      List<Object[]> rows, Set<Long> replaced,
      java.util.function.BiPredicate<TableSchema.UniqueKey, Object[]> buffered) {
    if (schema.uniqueKeys().isEmpty()) {
      return;
    }
    TableSnapshot snapshot = snapshots.get();
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      int[] columns = schema.indexesOf(key.columns());
      TreeSet<Object[]> seen = KeyIndex.newKeySet();
      for (Object[] row : rows) {
        Object[] value = KeyIndexes.key(row, columns);
        if (!key.comparable(value)) {
          continue;
        }
        long existing = snapshot.findKey(key, value);
        if (!seen.add(value) || (existing >= 0 && !replaced.contains(existing))
            || buffered.test(key, value)) {
          throw new UniqueViolationException(key.name(), key.columns(), value);
        }
      }
    }
  }

  /**
   * UPDATE's check, as PostgreSQL makes it row by row in scan order (its unique indexes are not
   * deferred): a row's new key fails when another row still holds it, i.e. a row the statement
   * does not update or updates later ({@code UPDATE t SET id = id + 1} over ids 1 and 2 fails at
   * the first row), or when an earlier row's new version took it. A row whose key does not change
   * is not checked. {@code numbers[i]} is the row number of {@code oldRows.get(i)}.
   */
  static void checkUpdate(TableSnapshot snapshot, TableSchema schema, long[] numbers,
      List<Object[]> oldRows, List<Object[]> newRows) {
    List<TableSchema.UniqueKey> keys = schema.uniqueKeys();
    if (keys.isEmpty()) {
      return;
    }
    java.util.Map<Long, Integer> order = new java.util.HashMap<>();
    for (int i = 0; i < numbers.length; i++) {
      order.put(numbers[i], i);
    }
    List<int[]> columns = new java.util.ArrayList<>();
    List<TreeSet<Object[]>> taken = new java.util.ArrayList<>();
    for (TableSchema.UniqueKey key : keys) {
      columns.add(schema.indexesOf(key.columns()));
      taken.add(KeyIndex.newKeySet());
    }
    for (int i = 0; i < newRows.size(); i++) {
      for (int k = 0; k < keys.size(); k++) {
        Object[] value = KeyIndexes.key(newRows.get(i), columns.get(k));
        if (!keys.get(k).comparable(value)) {
          continue;
        }
        boolean unchanged = KeyIndex.compare(value, KeyIndexes.key(oldRows.get(i), columns.get(k))) == 0;
        if (!taken.get(k).add(value) && !unchanged) {
          throw new UniqueViolationException(keys.get(k).name(), keys.get(k).columns(), value);
        }
        if (unchanged) {
          continue;
        }
        long existing = snapshot.findKey(keys.get(k), value);
        Integer at = existing < 0 ? null : order.get(existing);
        if (existing >= 0 && (at == null || at > i)) {
          throw new UniqueViolationException(keys.get(k).name(), keys.get(k).columns(), value);
        }
      }
    }
  }
}
