package io.s3vector.storage.manifest;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sorted map nobody can change: a copy taken once, then handed from manifest to manifest (and
 * from table entry to table entry) without another copy. A commit makes a manifest per change of
 * its group ({@code withTable}), and copying the map of inline objects (a key per small commit not
 * yet merged) each time cost a tenth of the committer's time; the records of merges run to
 * thousands under a stream of small commits too.
 */
final class FrozenSortedMap<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {

  private final SortedMap<K, V> map;
  /**
   * The map this one was made from by {@link #derived}, and what that changed (entries added or
   * changed, keys removed); null otherwise. Only the parent's identity is compared, and the
   * parent is not kept beyond it: a merge's commit makes the table's merge records from the
   * base's, and its delta then names the few changed records instead of walking thousands.
   */
  private final java.lang.ref.WeakReference<FrozenSortedMap<K, V>> parent;
  private final Map<K, V> addedSinceParent;
  private final java.util.List<K> removedSinceParent;

  private FrozenSortedMap(SortedMap<K, V> map) {
    this(map, null, null, null);
  }

  private FrozenSortedMap(SortedMap<K, V> map, FrozenSortedMap<K, V> parent, Map<K, V> added,
      java.util.List<K> removed) {
    this.map = Collections.unmodifiableSortedMap(map);
    this.parent = parent == null ? null : new java.lang.ref.WeakReference<>(parent);
    this.addedSinceParent = added;
    this.removedSinceParent = removed;
  }

  /** {@code source} itself when it is frozen already, else a frozen sorted copy. */
  static <K, V> SortedMap<K, V> of(Map<K, V> source) {
    return source instanceof FrozenSortedMap<K, V> frozen ? frozen
        : new FrozenSortedMap<>(new TreeMap<>(source));
  }

  /**
   * {@code parent} with the entries of {@code removed} taken out and then {@code added} put in,
   * as a new map that remembers what changed ({@link #changesSince}).
   */
  static <K, V> SortedMap<K, V> derived(Map<K, V> parent, java.util.Collection<K> removed,
      Map<K, V> added) {
    TreeMap<K, V> fresh = new TreeMap<>(parent);
    java.util.List<K> gone = new java.util.ArrayList<>();
    for (K key : removed) {
      if (fresh.remove(key) != null) {
        gone.add(key);
      }
    }
    Map<K, V> changed = new java.util.HashMap<>();
    for (Map.Entry<K, V> entry : added.entrySet()) {
      V was = fresh.put(entry.getKey(), entry.getValue());
      if (!entry.getValue().equals(was)) {
        changed.put(entry.getKey(), entry.getValue());
      }
      if (was == null) {
        gone.remove(entry.getKey());
      }
    }
    return parent instanceof FrozenSortedMap<K, V> frozen
        ? new FrozenSortedMap<>(fresh, frozen, changed, gone)
        : new FrozenSortedMap<>(fresh);
  }

  /**
   * Puts what turned {@code before} into {@code after} into {@code added} (new or changed
   * entries) and {@code removed} (keys gone) and returns true, when {@code after} was {@link
   * #derived} from {@code before} itself; false (nothing put) otherwise.
   */
  static <K, V> boolean changesSince(Map<K, V> before, Map<K, V> after, Map<K, V> added,
      java.util.List<K> removed) {
    if (!(after instanceof FrozenSortedMap<K, V> frozen) || frozen.parent == null
        || frozen.parent.get() != before) {
      return false;
    }
    added.putAll(frozen.addedSinceParent);
    removed.addAll(frozen.removedSinceParent);
    return true;
  }

  /** Takes {@code fresh}, which the caller made and drops: no copy. */
  static <K, V> SortedMap<K, V> adopt(TreeMap<K, V> fresh) {
    return new FrozenSortedMap<>(fresh);
  }

  @Override
  public V get(Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return map.entrySet();
  }

  @Override
  public Comparator<? super K> comparator() {
    return map.comparator();
  }

  @Override
  public SortedMap<K, V> subMap(K fromKey, K toKey) {
    return map.subMap(fromKey, toKey);
  }

  @Override
  public SortedMap<K, V> headMap(K toKey) {
    return map.headMap(toKey);
  }

  @Override
  public SortedMap<K, V> tailMap(K fromKey) {
    return map.tailMap(fromKey);
  }

  @Override
  public K firstKey() {
    return map.firstKey();
  }

  @Override
  public K lastKey() {
    return map.lastKey();
  }
}
