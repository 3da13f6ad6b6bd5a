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

  /** The segments of {@code list} between the shared head and tail. */
  public List<SegmentRef> middle(List<SegmentRef> list) {
    return list.subList(head, list.size() - tail);
  }
}
