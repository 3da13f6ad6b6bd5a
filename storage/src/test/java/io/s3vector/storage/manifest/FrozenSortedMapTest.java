package io.s3vector.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Maps derived one from another, as manifests derive their maps of inline objects. */
class FrozenSortedMapTest {

  @Test
  void aLongChainOfDerivedMapsReadsAsTheMapItStandsFor() {
    Random random = new Random(7);
    TreeMap<String, Integer> model = new TreeMap<>();
    for (int i = 0; i < 300; i++) {
      model.put("k" + random.nextInt(1000), i);
    }
    SortedMap<String, Integer> map = FrozenSortedMap.of(model);
    // long enough that overlays fill and are folded into new bases many times
    for (int step = 0; step < 2_000; step++) {
      List<String> removed = new ArrayList<>();
      for (int r = random.nextInt(4); r > 0; r--) {
        removed.add("k" + random.nextInt(1000)); // present or not, repeated at times
      }
      Map<String, Integer> added = new HashMap<>();
      for (int a = random.nextInt(4); a > 0; a--) {
        added.put("k" + random.nextInt(1000), random.nextInt(5));
      }
      removed.removeAll(added.keySet()); // a key removed and put back counts as changed
      Map<String, Integer> before = new TreeMap<>(model);
      SortedMap<String, Integer> previous = map;
      map = FrozenSortedMap.derived(map, removed, added);
      removed.forEach(model::remove);
      model.putAll(added);

      assertEquals(model.size(), map.size(), "size at step " + step);
      for (int k = 0; k < 1000; k += 7) {
        assertEquals(model.get("k" + k), map.get("k" + k), "k" + k + " at step " + step);
        assertEquals(model.containsKey("k" + k), map.containsKey("k" + k));
      }
      if (step % 97 == 0) {
        assertEquals(model, map);
        assertEquals(new ArrayList<>(model.keySet()), new ArrayList<>(map.keySet()));
        assertEquals(model.firstKey(), map.firstKey());
        assertEquals(model.headMap("k5"), map.headMap("k5"));
      }
      // what changed, as the derivation remembers it, against the models
      Map<String, Integer> changed = new HashMap<>();
      List<String> gone = new ArrayList<>();
      assertTrue(FrozenSortedMap.changesSince(previous, map, changed, gone));
      Map<String, Integer> expectChanged = new HashMap<>();
      model.forEach((k, v) -> {
        if (!v.equals(before.get(k))) {
          expectChanged.put(k, v);
        }
      });
      List<String> expectGone = new ArrayList<>(before.keySet());
      expectGone.removeAll(model.keySet());
      assertEquals(expectChanged, changed, "changed at step " + step);
      assertEquals(new java.util.TreeSet<>(expectGone), new java.util.TreeSet<>(gone),
          "removed at step " + step);
    }
  }

  @Test
  void changesAreKnownOnlyAgainstTheMapDerivedFrom() {
    SortedMap<String, Integer> a = FrozenSortedMap.of(Map.of("x", 1));
    SortedMap<String, Integer> b = FrozenSortedMap.derived(a, List.of(), Map.of("y", 2));
    SortedMap<String, Integer> c = FrozenSortedMap.derived(b, List.of("x"), Map.of());
    assertFalse(FrozenSortedMap.changesSince(a, c, new HashMap<>(), new ArrayList<>()));
    Map<String, Integer> added = new HashMap<>();
    List<String> removed = new ArrayList<>();
    assertTrue(FrozenSortedMap.changesSince(b, c, added, removed));
    assertEquals(Map.of(), added);
    assertEquals(List.of("x"), removed);
    assertEquals(Map.of("y", 2), c);
    assertEquals(Map.of("x", 1, "y", 2), b);
  }
}
