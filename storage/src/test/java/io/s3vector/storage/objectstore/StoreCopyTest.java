package io.s3vector.storage.objectstore;

import static io.s3vector.storage.objectstore.TestTables.items;
import static io.s3vector.storage.objectstore.TestTables.itemsRows;
import static io.s3vector.storage.objectstore.TestTables.readAll;
import static io.s3vector.storage.objectstore.TestTables.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder and a bucket hold the same layout: copying the objects key by key, either way,
 * gives a database with the same rows, opened unchanged ({@link StoreCopy}: how data moves to
 * S3, {@code ./s3vector copy}).
 */
class StoreCopyTest {

  @RegisterExtension static final S3ProxyServer s3 = S3ProxyServer.create();

  @TempDir Path folder;
  @TempDir Path back;

  private static final StoreOptions OPTIONS = StoreOptions.builder().minIndexedSegmentRows(10)
      .build();

  private static List<String> write(ObjectStore store) {
    try (StoreDatabase db = StoreDatabase.open(store, OPTIONS)) {
      db.createTable(items("items"), false);
      var table = db.table("items").orElseThrow();
      table.append(itemsRows(0, 30));
      table.append(itemsRows(30, 30));
      table.createIndex(io.s3vector.storage.table.IndexDefinition.of("idx", "embedding",
          io.s3vector.storage.vector.DistanceMetric.COSINE));
      return text(readAll(table.snapshot()));
    }
  }

  private static List<String> read(ObjectStore store) {
    try (StoreDatabase db = StoreDatabase.open(store, OPTIONS)) {
      return text(readAll(db.table("items").orElseThrow().snapshot()));
    }
  }

  private static long copy(ObjectStore from, ObjectStore to) {
    return StoreCopy.copy(from, to).objects();
  }

  @Test
  void aFolderCopiedIntoABucketOpensWithTheSameRows() {
    List<String> rows = write(new LocalObjectStore(folder));
    String prefix = s3.freshPrefix();
    try (S3ObjectStore bucket = s3.newStore(prefix)) {
      long copied = copy(new LocalObjectStore(folder), bucket);
      assertEquals(new LocalObjectStore(folder).list(""), bucket.list(""), copied + " objects");
    }
    assertEquals(rows, read(s3.newStore(prefix)));
  }

  @Test
  void aSourceHoldingNoDatabaseIsRefusedAndNothingIsCopied() throws Exception {
    java.nio.file.Files.writeString(folder.resolve("notes.txt"), "not a database");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> copy(new LocalObjectStore(folder), new LocalObjectStore(back)));
    assertTrue(e.getMessage().contains("holds no database"), e.getMessage());
    assertEquals(List.of(), new LocalObjectStore(back).list(""));
  }

  @Test
  void aDestinationHoldingADatabaseIsRefusedAndLeftAlone() {
    List<String> rows = write(new LocalObjectStore(folder));
    write(new LocalObjectStore(back));
    List<String> before = new LocalObjectStore(back).list("");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> copy(new LocalObjectStore(folder), new LocalObjectStore(back)));
    assertTrue(e.getMessage().contains("already holds a database"), e.getMessage());
    assertEquals(before, new LocalObjectStore(back).list(""));
    assertEquals(rows, read(new LocalObjectStore(folder)));
  }

  @Test
  void aBucketCopiedIntoAFolderOpensWithTheSameRows() {
    String prefix = s3.freshPrefix();
    List<String> rows = write(s3.newStore(prefix));
    try (S3ObjectStore bucket = s3.newStore(prefix)) {
      assertFalse(bucket.list("").isEmpty());
      copy(bucket, new LocalObjectStore(back));
      assertEquals(bucket.list(""), new LocalObjectStore(back).list(""));
    }
    assertEquals(rows, read(new LocalObjectStore(back)));
  }
}
