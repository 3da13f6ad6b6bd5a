package io.s3vector.storage.manifest;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 *
 * <p>A map {@link #derived} from another shares its sorted base and keeps what changed since in a
 * small overlay, folded into a new base once it outgrows {@link #MAX_OVERLAY} and an eighth of the
 * base: every commit derives the manifest's map of inline objects from the one before, and a copy
 * of the whole map per commit was a tenth of a one-row commit's CPU. Lookups read the overlay,
 * then the base; what needs the map in order (iteration, sub-maps) sees the two merged, made once
 * per map when first asked for. Values are never null.
 */
final class FrozenSortedMap<K, V> extends AbstractMap<K, V> implements SortedMap<K, V> {

  /** Entries an overlay holds at most beyond an eighth of its base before it is folded in. */
  static final int MAX_OVERLAY = 64;

  private final SortedMap<K, V> base;
  /** Entries put since {@link #base} (new or changed); null when none. */
  private final Map<K, V> overlay;
  /** Keys of {@link #base} removed since; null when none. */
  private final Set<K> removed;
  private final int size;
  /** The base with the overlay applied, made when first needed (a benign race: same result). */
  private SortedMap<K, V> merged;
  /**
   * The map this one was made from by {@link #derived}, and what that changed (entries added or
   * changed, keys removed); null otherwise. Only the parent's identity is compared, and the
   * parent is not kept beyond it: a merge's commit makes the table's merge records from the
   * base's, and its delta then names the few changed records instead of walking thousands.
   */
  private final java.lang.ref.WeakReference<FrozenSortedMap<K, V>> parent;
  private final Map<K, V> addedSinceParent;
  private final List<K> removedSinceParent;

  private FrozenSortedMap(SortedMap<K, V> flat) {
    this(Collections.unmodifiableSortedMap(flat), null, null, flat.size(), null, null, null);
  }

  private FrozenSortedMap(SortedMap<K, V> base, Map<K, V> overlay, Set<K> removed, int size,
      FrozenSortedMap<K, V> parent, Map<K, V> added, List<K> gone) {
    this.base = base;
    this.overlay = overlay;
    this.removed = removed;
    this.size = size;
    this.merged = overlay == null && removed == null ? base : null;
    this.parent = parent == null ? null : new java.lang.ref.WeakReference<>(parent);
    this.addedSinceParent = added;
    this.removedSinceParent = gone;
  }

  /** {@code source} itself when it is frozen already, else a frozen sorted copy. */
  static <K, V> SortedMap<K, V> of(Map<K, V> source) {
    return source instanceof FrozenSortedMap<K, V> frozen ? frozen
        : new FrozenSortedMap<>(new TreeMap<>(source));
  }

  /**
   * {@code parent} with the entries of {@code removed} taken out and then {@code added} put in,
   * as a new map that remembers what changed ({@link #changesSince}). Costs what changed, not the
   * size of {@code parent}, when that is frozen (but for the fold of a full overlay).
   */
  static <K, V> SortedMap<K, V> derived(Map<K, V> parent, Collection<K> removed,
      Map<K, V> added) {
    FrozenSortedMap<K, V> from =
        parent instanceof FrozenSortedMap<K, V> frozen ? frozen : new FrozenSortedMap<>(new TreeMap<>(parent));
    Map<K, V> overlay = from.overlay == null ? new HashMap<>() : new HashMap<>(from.overlay);
    Set<K> dropped = from.removed == null ? new HashSet<>() : new HashSet<>(from.removed);
    int size = from.size;
    List<K> gone = new ArrayList<>();
    for (K key : removed) {
      boolean inOverlay = overlay.remove(key) != null;
      boolean inBase = from.base.containsKey(key) && dropped.add(key);
      if (inOverlay || inBase) {
        gone.add(key);
        size--;
      }
    }
    Map<K, V> changed = new HashMap<>();
    for (Map.Entry<K, V> entry : added.entrySet()) {
      K key = entry.getKey();
      V was = overlay.put(key, entry.getValue());
      if (was == null && !dropped.contains(key)) {
        was = from.base.get(key);
      }
      if (!entry.getValue().equals(was)) {
        changed.put(key, entry.getValue());
      }
      if (was == null) {
        size++;
        gone.remove(key);
      }
    }
    FrozenSortedMap<K, V> tracked = parent instanceof FrozenSortedMap<K, V> frozen ? frozen : null;
    if (overlay.size() + dropped.size() > MAX_OVERLAY + from.base.size() / 8) {
      SortedMap<K, V> folded = fold(from.base, dropped, overlay);
      return new FrozenSortedMap<>(folded, null, null, folded.size(), tracked, changed, gone);
    }
    return new FrozenSortedMap<>(from.base, overlay.isEmpty() ? null : overlay,
        dropped.isEmpty() ? null : dropped, size, tracked, changed, gone);
  }

  /**
   * Puts what turned {@code before} into {@code after} into {@code added} (new or changed
   * entries) and {@code removed} (keys gone) and returns true, when {@code after} was {@link
   * #derived} from {@code before} itself; false (nothing put) otherwise.
   */
  static <K, V> boolean changesSince(Map<K, V> before, Map<K, V> after, Map<K, V> added,
      List<K> removed) {
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

  private SortedMap<K, V> merged() {
    SortedMap<K, V> m = merged;
    if (m == null) {
      m = fold(base, removed, overlay);
      merged = m;
    }
    return m;
  }

  /** {@code base} without the keys of {@code removed}, then with {@code overlay} put in (either may be null). */
  private static <K, V> SortedMap<K, V> fold(SortedMap<K, V> base, Set<K> removed, Map<K, V> overlay) {
    TreeMap<K, V> all = new TreeMap<>(base);
    if (removed != null) {
      all.keySet().removeAll(removed);
    }
    if (overlay != null) {
      all.putAll(overlay);
    }
    return Collections.unmodifiableSortedMap(all);
  }

  @Override
  public V get(Object key) {
    if (overlay != null) {
      V v = overlay.get(key);
      if (v != null) {
        return v;
      }
    }
    return removed != null && removed.contains(key) ? null : base.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return merged().entrySet();
  }

  @Override
  public Comparator<? super K> comparator() {
    return base.comparator();
  }

  @Override
  public SortedMap<K, V> subMap(K fromKey, K toKey) {
    return merged().subMap(fromKey, toKey);
  }

  @Override
  public SortedMap<K, V> headMap(K toKey) {
    return merged().headMap(toKey);
  }

  @Override
  public SortedMap<K, V> tailMap(K fromKey) {
    return merged().tailMap(fromKey);
  }

  @Override
  public K firstKey() {
    return merged().firstKey();
  }

  @Override
  public K lastKey() {
    return merged().lastKey();
  }
}
