package io.s3vector.storage.manifest;

import java.util.List;

/**
 * How many segments two versions of a table's list share, as the same objects, at their head and
 * at their tail. A commit keeps the unchanged segments of an entry as the same objects and mostly
 * adds at the end (a merge replaces one run), so what changed lies between the two: comparing the
 * whole lists by id (a map per commit of hundreds of small segments) was a tenth of the committer's
 * time under a stream of single-row writes.
 */
public record SharedEnds(int head, int tail) {

  public static SharedEnds of(List<SegmentRef> before, List<SegmentRef> after) {
    int max = Math.min(before.size(), after.size());
    int head = 0;
    while (head < max && before.get(head) == after.get(head)) {
      head++;
    }
    int tail = 0;
    while (tail < max - head
        && before.get(before.size() - 1 - tail) == after.get(after.size() - 1 - tail)) {
      tail++;
    }
    return new SharedEnds(head, tail);
  }

  /** How far ahead {@link #notIn} looks for a segment of the newer list in the older one. */
  private static final int LOOKAHEAD = 8;

  /**
   * The segments of {@code after} that are not segments of {@code before} (as the same objects),
   * and perhaps a few that are: both lists are walked in order, as commits keep them (a
   * merge replaces a run where it stood), and a segment not found within a few places of where
   * the walk stands in {@code before} counts as new. Under a stream of UPDATEs the first segment
   * of a table gets a new deletion set at every commit while packs are appended at the end, so the
   * segments between the shared ends were the whole list: a commit's key check looked at each.
   */
  public static List<SegmentRef> notIn(List<SegmentRef> before, List<SegmentRef> after) {
    List<SegmentRef> out = new java.util.ArrayList<>();
    int at = 0;
    for (SegmentRef segment : after) {
      int found = -1;
      for (int k = at; k < Math.min(before.size(), at + LOOKAHEAD); k++) {
        if (before.get(k) == segment) {
          found = k;
          break;
        }
      }
      if (found >= 0) {
        at = found + 1;
      } else {
        out.add(segment);
      }
    }
    return out;
  }

  /** The segments of {@code list} between the shared head and tail. */
  public List<SegmentRef> middle(List<SegmentRef> list) {
    return list.subList(head, list.size() - tail);
  }
}
