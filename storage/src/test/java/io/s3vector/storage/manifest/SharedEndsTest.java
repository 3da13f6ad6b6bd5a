package io.s3vector.storage.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What two versions of a segment list share, as the same objects. */
class SharedEndsTest {

  private static SegmentRef segment(String id) {
    return new SegmentRef(id, 10);
  }

  @Test
  void notInFindsTheReplacedTheMergedAndTheAppendedOnly() {
    SegmentRef a = segment("a");
    SegmentRef b = segment("b");
    SegmentRef c = segment("c");
    SegmentRef d = segment("d");
    SegmentRef e = segment("e");
    // a new deletion set on the first segment, a pack appended
    SegmentRef a2 = a.withDeletes("x", 1);
    assertEquals(List.of(a2, e), SharedEnds.notIn(List.of(a, b, c, d), List.of(a2, b, c, d, e)));
    // a merge of b, c, d into m, another segment appended
    SegmentRef m = segment("m");
    SegmentRef f = segment("f");
    assertEquals(List.of(m, f), SharedEnds.notIn(List.of(a, b, c, d, e), List.of(a, m, e, f)));
    // a segment left the list: nothing new
    assertEquals(List.of(), SharedEnds.notIn(List.of(a, b, c), List.of(a, c)));
    // an equal segment that is another object counts as new (never wrong: it is checked again)
    SegmentRef sameIdOther = segment("b");
    assertSame(sameIdOther, SharedEnds.notIn(List.of(a, b), List.of(a, sameIdOther)).get(0));
    assertEquals(List.of(a, b), SharedEnds.notIn(List.of(), List.of(a, b)));
  }

  @Test
  void aLongRunLeftOutIsLookedPastAsNew() {
    List<SegmentRef> before = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      before.add(segment("s" + i));
    }
    // the first 20 merged into one: the rest is found again past the merged one
    SegmentRef merged = segment("m");
    List<SegmentRef> after = new ArrayList<>(List.of(merged));
    after.addAll(before.subList(20, 40));
    List<SegmentRef> notIn = SharedEnds.notIn(before, after);
    assertEquals(merged, notIn.get(0));
    // beyond the lookahead the shared segments count as new too: more checked, none missed
    assertEquals(after.size(), notIn.size());
  }
}
