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

  private FrozenSortedMap(SortedMap<K, V> map) {
    this.map = Collections.unmodifiableSortedMap(map);
  }

  /** {@code source} itself when it is frozen already, else a frozen sorted copy. */
  static <K, V> SortedMap<K, V> of(Map<K, V> source) {
    return source instanceof FrozenSortedMap<K, V> frozen ? frozen
        : new FrozenSortedMap<>(new TreeMap<>(source));
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
