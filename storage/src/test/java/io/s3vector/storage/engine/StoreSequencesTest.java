package io.s3vector.storage.engine;

import static io.s3vector.storage.table.Fixtures.items;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.SequenceSpec;
import io.s3vector.storage.table.TableExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSequencesTest {

  @TempDir Path root;

  private StoreDatabase open() {
    return StoreDatabase.open(new LocalObjectStore(root));
  }

  private static SequenceSpec counting(long start, long increment, long min, long max, boolean cycle) {
    return new SequenceSpec("id-" + start, "bigint", start, increment, min, max, 1, cycle, start,
        false, null, null);
  }

  @Test
  void takeStepsAsNextvalDoesAndStopsOrCyclesAtTheEnd() {
    SequenceSpec s = counting(5, 10, 1, 30, false);
    SequenceSpec.Reservation r = s.take(4);
    assertArrayEquals(new long[] {5, 15, 25}, r.values());
    assertEquals(25, r.after().last());
    assertTrue(r.after().called());
    assertEquals(0, r.after().take(1).values().length);

    SequenceSpec down = counting(-1, -2, -6, -1, true);
    assertArrayEquals(new long[] {-1, -3, -5, -1, -3}, down.take(5).values());
    // a value at the type's end does not overflow
    SequenceSpec top = counting(Long.MAX_VALUE - 1, 1, 1, Long.MAX_VALUE, false);
    assertArrayEquals(new long[] {Long.MAX_VALUE - 1, Long.MAX_VALUE}, top.take(3).values());
  }

  @Test
  void nextvalCountsOnFromReservedBlocksAndSkipsThemAfterARestart() {
    try (StoreDatabase db = open()) {
      assertTrue(db.createSequence("s", counting(1, 1, 1, Long.MAX_VALUE, false), false));
      assertFalse(db.createSequence("s", counting(1, 1, 1, 9, false), true));
      assertThrows(TableExistsException.class,
          () -> db.createSequence("s", counting(1, 1, 1, 9, false), false));
      for (long i = 1; i <= 40; i++) {
        assertEquals(i, db.nextSequenceValue("s"));
      }
      // the manifest holds the block's end (64); the server shows the last value it handed out
      assertEquals(64, db.manifest().sequences().get("s").last());
      assertEquals(40, db.sequences().get("s").last());
      assertThrows(NoSuchElementException.class, () -> db.nextSequenceValue("nosuch"));
    }
    try (StoreDatabase db = open()) {
      // the second block (33..64) was reserved; its rest is skipped, as after a crash in PostgreSQL
      assertEquals(65, db.nextSequenceValue("s"));
    }
  }

  @Test
  void aSetvalOrAlterSeenInTheManifestEndsTheBlockAndTheNameIsTakenForTables() {
    try (StoreDatabase db = open()) {
      db.createSequence("s", counting(1, 1, 1, Long.MAX_VALUE, false), false);
      assertEquals(1, db.nextSequenceValue("s"));
      db.alterSequence("s", spec -> spec.withValue(100, true));
      assertEquals(101, db.nextSequenceValue("s"));
      db.alterSequence("s", spec -> spec.withValue(7, false));
      assertEquals(7, db.nextSequenceValue("s"));
      assertThrows(TableExistsException.class, () -> db.createTable(items("s"), false));
      assertThrows(NoSuchElementException.class, () -> db.alterSequence("t", spec -> spec));
      assertNull(db.alterSequence("s", spec -> null));
      assertTrue(db.sequences().isEmpty());
    }
  }

  @Test
  void sequencesPersistThroughDeltasAndCheckpointsAndGoWithTheirTableOrSchema() {
    try (StoreDatabase db = open()) {
      db.createTable(items("items"), false);
      db.createSchema("app");
      db.createSequence("owned", counting(1, 1, 1, 99, false).ownedBy("items", "id"), false);
      db.createSequence("free", counting(10, 5, 1, 999, true), false);
      db.createSequence("app\u001Fs", counting(1, 1, 1, 99, false), false);
      assertEquals(10, db.nextSequenceValue("free"));
    }
    try (StoreDatabase db = open()) {
      assertEquals(List.of("app\u001Fs", "free", "owned"), List.copyOf(db.sequences().keySet()));
      assertEquals(5, db.sequences().get("free").increment());
      assertTrue(db.dropTable("items"));
      assertEquals(List.of("app\u001Fs", "free"), List.copyOf(db.sequences().keySet()));
      db.dropSchema("app", name -> name.startsWith("app\u001F"));
      for (int i = 0; i < 40; i++) { // a checkpoint, written whole, keeps them too
        db.createTable(items("t" + i), false);
      }
    }
    try (StoreDatabase db = open()) {
      assertEquals(List.of("free"), List.copyOf(db.sequences().keySet()));
      assertEquals(10 + 5 * 31, db.sequences().get("free").last()); // its block of 32
    }
  }
}
