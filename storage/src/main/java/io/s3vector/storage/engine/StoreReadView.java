package io.s3vector.storage.engine;

import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ObservedManifest;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.TableSnapshot;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ReadView} of a {@link StoreDatabase}: one manifest, one snapshot per table it reads. */
final class StoreReadView implements ReadView {
  private final StoreDatabase database;
  private final ObservedManifest pinned;
  private final Manifest manifest;
  private final ReadStats stats;
  private final ConcurrentHashMap<String, StoreSnapshot> snapshots = new ConcurrentHashMap<>();
  /** The staged write whose rows and deletions this view shows, or null. */
  private final StoreStagedWrite write;

  StoreReadView(StoreDatabase database, ObservedManifest pinned, ReadStats stats) {
    this(database, pinned, stats, null);
  }

  StoreReadView(StoreDatabase database, ObservedManifest pinned, ReadStats stats,
      StoreStagedWrite write) {
    this.write = write;
    this.database = database;
    this.pinned = pinned;
    this.manifest = pinned.manifest();
    this.stats = stats;
  }

  @Override
  public Optional<TableSnapshot> snapshot(String table) {
    TableEntry entry = manifest.table(table);
    if (entry == null) {
      return Optional.empty();
    }
    return Optional.of(snapshots.computeIfAbsent(table,
        name -> write == null
            ? new StoreSnapshot(entry, pinned, database, stats)
            : write.snapshot(entry, pinned, stats)));
  }

  @Override
  public long version() {
    return manifest.version();
  }

  @Override
  public ReadStats stats() {
    return stats;
  }
}
