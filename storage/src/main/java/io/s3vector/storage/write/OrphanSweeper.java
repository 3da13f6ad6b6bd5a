package io.s3vector.storage.write;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.segment.SegmentPack;
import io.s3vector.storage.segment.SegmentWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes segment folders no manifest names: left by a server killed between writing a segment
 * and committing it, by writes that failed or were aborted half way, or by merges whose delayed
 * deletion a restart forgot. A folder is deleted only after it has been seen unnamed for the
 * orphan grace, across sweeps of this server (a staged segment of another server's write in
 * progress is unnamed too, until that write commits), and never while a write of this server
 * still holds it.
 */
public final class OrphanSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

  private final ObjectStore store;
  private final ManifestLog log;
  private final Duration grace;
  private final Supplier<Set<String>> staged;
  /** "directory/segment" → when a sweep first saw it unnamed (nanoTime). */
  private final Map<String, Long> firstSeen = new HashMap<>();

  /** {@code staged}: the segment ids this server's open writes hold. */
  public OrphanSweeper(ObjectStore store, ManifestLog log, Duration grace,
      Supplier<Set<String>> staged) {
    this.store = store;
    this.log = log;
    this.grace = grace;
    this.staged = staged;
  }

  /** One pass over every table's folder; returns how many segment folders it deleted. */
  public synchronized int sweep() {
    Manifest manifest = log.refresh();
    long now = System.nanoTime();
    Set<String> unnamed = new HashSet<>();
    int deleted = 0;
    for (TableEntry entry : manifest.tables().values()) {
      Set<String> named = new HashSet<>(entry.moved().keySet()); // their deletion is scheduled
      for (SegmentRef segment : entry.segments()) {
        named.add(segment.id());
      }
      Set<String> held = staged.get();
      String prefix = entry.directory() + "/";
      Set<String> folders = new HashSet<>();
      for (String key : store.list(prefix)) {
        String segment = SegmentPack.segmentOf(key.substring(prefix.length()));
        if (segment != null) {
          folders.add(segment);
        }
      }
      for (String id : folders) {
        if (named.contains(id) || held.contains(id)) {
          continue;
        }
        String key = prefix + id;
        unnamed.add(key);
        long seen = firstSeen.computeIfAbsent(key, k -> now);
        if (now - seen >= grace.toNanos()) {
          try {
            SegmentWriter.delete(store, entry.directory(), id);
            deleted++;
            unnamed.remove(key);
          } catch (StorageException e) {
            LOG.warn("could not delete the orphaned segment {}: {}", key, e.getMessage());
          }
        }
      }
    }
    firstSeen.keySet().retainAll(unnamed);
    if (deleted > 0) {
      LOG.info("deleted {} orphaned segment folders", deleted);
    }
    return deleted;
  }
}
