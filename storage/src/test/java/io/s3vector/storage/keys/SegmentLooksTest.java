package io.s3vector.storage.keys;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.segment.DeletionSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What earlier looks found is found again for the same segments: by identity along the last
 * list, by id when the list was rebuilt, never for a segment whose deletion set changed.
 */
class SegmentLooksTest {

  private static List<SegmentRef> segments(String prefix, int n) {
    List<SegmentRef> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      refs.add(new SegmentRef(prefix + i, 1));
    }
    return refs;
  }

  private static SegmentLooks.Seen[] look(SegmentLooks looks, List<SegmentRef> refs) {
    SegmentLooks.Seen[] seen = new SegmentLooks.Seen[refs.size()];
    SegmentLooks.Cursor cursor = looks.cursor();
    for (int s = 0; s < refs.size(); s++) {
      seen[s] = cursor.find(refs.get(s));
      if (seen[s] == null) {
        seen[s] = new SegmentLooks.Seen(KeyIndex.of(List.<Object[]>of(new Object[] {(long) s})),
            refs.get(s).deletes(), DeletionSet.EMPTY);
        looks.found(refs.get(s), seen[s]);
      }
    }
    looks.looked(refs.toArray(new SegmentRef[0]), seen);
    return seen;
  }

  @Test
  void aListThatGrewAtItsEndOrLostARunIsMatchedSegmentBySegment() {
    SegmentLooks looks = new SegmentLooks();
    List<SegmentRef> first = segments("a", 50);
    SegmentLooks.Seen[] before = look(looks, first);

    List<SegmentRef> grown = new ArrayList<>(first);
    grown.addAll(segments("b", 3));
    SegmentLooks.Seen[] after = look(looks, grown);
    for (int s = 0; s < first.size(); s++) {
      assertSame(before[s], after[s]);
    }

    // a merge replaced segments 10..39 by one: the rest are still found, the new one is not
    List<SegmentRef> merged = new ArrayList<>(grown.subList(0, 10));
    SegmentRef output = new SegmentRef("m", 30);
    merged.add(output);
    merged.addAll(grown.subList(40, grown.size()));
    SegmentLooks.Cursor cursor = looks.cursor();
    for (SegmentRef ref : merged) {
      if (ref == output) {
        assertNull(cursor.find(ref));
      } else {
        assertSame(after[grown.indexOf(ref)], cursor.find(ref));
      }
    }
  }

  @Test
  void aSegmentReadBackIsFoundByIdUnlessItsDeletionSetChanged() {
    SegmentLooks looks = new SegmentLooks();
    List<SegmentRef> first = segments("a", 4);
    SegmentLooks.Seen[] before = look(looks, first);

    SegmentRef sameAgain = new SegmentRef("a1", 1); // equal, not the same object
    SegmentRef withDeletes = first.get(2).withDeletes("d-1", 1);
    SegmentLooks.Cursor cursor = looks.cursor();
    assertSame(before[0], cursor.find(first.get(0)));
    assertSame(before[1], cursor.find(sameAgain));
    assertNull(cursor.find(withDeletes));
    assertSame(before[3], cursor.find(first.get(3)));
  }

  @Test
  void aLargeSegmentsIndexIsLeftToTheCache() {
    SegmentLooks looks = new SegmentLooks();
    List<Object[]> keys = new ArrayList<>();
    for (long k = 0; k < 2_000; k++) {
      keys.add(new Object[] {k});
    }
    SegmentRef large = new SegmentRef("large", 2_000);
    SegmentRef small = new SegmentRef("small", 1);
    SegmentLooks.Seen big = new SegmentLooks.Seen(KeyIndex.of(keys), null, DeletionSet.EMPTY);
    SegmentLooks.Seen little = new SegmentLooks.Seen(
        KeyIndex.of(List.<Object[]>of(new Object[] {7L})), null, DeletionSet.EMPTY);
    looks.found(large, big);
    looks.found(small, little);
    looks.looked(new SegmentRef[] {large, small}, new SegmentLooks.Seen[] {big, little});
    SegmentLooks.Cursor cursor = looks.cursor();
    assertNull(cursor.find(large)); // held by the byte-bounded cache, not here
    assertSame(little, cursor.find(small));
  }
}
