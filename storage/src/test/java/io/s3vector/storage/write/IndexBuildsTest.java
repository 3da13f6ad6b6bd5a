package io.s3vector.storage.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class IndexBuildsTest {

  @Test
  void aBuildStartedAfterADropChangesTheReadingOfThatNameOnly() {
    IndexBuilds builds = new IndexBuilds();
    long atDrop = builds.startedSoFar("t1", "items_idx");
    long otherAtDrop = builds.startedSoFar("t1", "other_idx");
    long otherTableAtDrop = builds.startedSoFar("t2", "items_idx");
    builds.starting("t1", "items_idx");
    assertNotEquals(atDrop, builds.startedSoFar("t1", "items_idx"));
    assertEquals(otherAtDrop, builds.startedSoFar("t1", "other_idx"));
    assertEquals(otherTableAtDrop, builds.startedSoFar("t2", "items_idx"));
  }
}
