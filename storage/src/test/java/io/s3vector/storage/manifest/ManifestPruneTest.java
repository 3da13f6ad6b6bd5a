package io.s3vector.storage.manifest;

import static io.s3vector.storage.manifest.ManifestDeltaTest.createTable;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3vector.storage.io.CountingStore;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pruning old manifest versions lists the store only now and then: between listings it knows
 * which versions exist from the last listing and its own commits. Under a stream of small commits
 * the retention holds tens of thousands of versions, and a listing of them all every few seconds
 * was most of what S3Proxy's folder backend spent.
 */
class ManifestPruneTest {

  @TempDir Path root;

  private static final StoreOptions OPTIONS = StoreOptions.builder().checkpointInterval(4)
      .keepManifests(1).manifestRetention(Duration.ZERO).deleteGrace(Duration.ZERO).build();

  @Test
  void prunesBetweenListingsDeleteTheVersionsCommittedSinceTheLastOne() {
    try (LocalObjectStore local = new LocalObjectStore(root)) {
      CountingStore store = new CountingStore(local, 0);
      ManifestLog log = new ManifestLog(store, OPTIONS);
      int prunesListing = 0; // (a commit lists too here: a retention of zero trusts no version)
      int table = 0;
      for (int prune = 0; prune < ManifestLog.PRUNES_PER_LISTING; prune++) {
        for (int i = 0; i < 5; i++) {
          createTable(log, "t" + table++);
        }
        int listed = store.listings.get();
        log.prune();
        prunesListing += store.listings.get() - listed;
        long newest = log.current().version();
        long checkpoint = log.current().checkpoint();
        List<Long> expected = new ArrayList<>();
        for (long v = checkpoint; v <= newest; v++) {
          expected.add(v);
        }
        assertEquals(expected, versions(local), "after prune " + prune
            + ": the checkpoint and the deltas after it");
      }
      assertEquals(1, prunesListing, "one listing for "
          + ManifestLog.PRUNES_PER_LISTING + " prunes");
      int listed = store.listings.get();
      log.prune();
      assertEquals(listed + 1, store.listings.get(), "and the next one lists again");
    }
  }

  private static List<Long> versions(LocalObjectStore local) {
    List<Long> versions = new ArrayList<>();
    for (String key : local.list(Layout.MANIFEST_PREFIX)) {
      versions.add(Layout.manifestVersion(key));
    }
    versions.sort(null);
    return versions;
  }
}
