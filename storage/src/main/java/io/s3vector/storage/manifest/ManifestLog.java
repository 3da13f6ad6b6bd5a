package io.s3vector.storage.manifest;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.table.StoreOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The versioned manifests of one store: finds the newest, and commits the next one with {@code
 * putIfAbsent} — optimistic concurrency, so several servers may write one store and none loses
 * another's commit: the loser of a race re-reads the winner's manifest, re-applies its change and
 * tries the next version.
 *
 * <p>Old versions are deleted lazily, and only when safe: a writer that read version {@code b}
 * then writes {@code b+1}. Had {@code b+1} already been written and then deleted, the writer's
 * put would succeed wrongly, behind a newer manifest. A version is only deleted when its successor
 * has been seen for longer than the retention, so a put that lands within the retention of the
 * moment its base was confirmed newest is safe. A put's landing time is unknown, but it is no
 * later than its return: a put that returns within the trusted part of the retention is
 * acknowledged; one that returns later (an S3 call retries for up to two minutes) is checked
 * ({@link LateCommitCheck}) before it is acknowledged or retried. Bases older than {@link
 * #MAX_BASE_AGE_NANOS} are re-read before the put, so that the common case never needs the check.
 */
public final class ManifestLog {

  private static final Logger LOG = LoggerFactory.getLogger(ManifestLog.class);
  private static final int MAX_ATTEMPTS = 200;
  static final long MAX_BASE_AGE_NANOS = 30_000_000_000L;

  private final ObjectStore store;
  private final StoreOptions options;
  private final InlineBlobs blobs;
  /** Versions holding inline objects the newest manifest no longer names: since when (nanos). */
  private final Map<Long, Long> unnamedSince = new HashMap<>();
  private volatile ObservedManifest current =
      new ObservedManifest(Manifest.empty(), System.nanoTime() - Long.MAX_VALUE / 2);
  /**
   * When each version was first seen (listed, read, or, for {@link #prune}, known committed), for
   * the retention rule; its keys are the versions not yet pruned as far as this server knows.
   */
  private final java.util.TreeMap<Long, Long> firstSeen = new java.util.TreeMap<>();
  /** The newest version {@link #firstSeen} holds every version up to; guarded by firstSeen. */
  private long knownNewest;
  /** Prunes since the start, of which every {@link #PRUNES_PER_LISTING}th lists the store. */
  private int prunes; // guarded by pruneLock
  private final Object pruneLock = new Object();
  static final int PRUNES_PER_LISTING = 12;
  /** One commit at a time per server: its own commits never conflict with each other. */
  private final Object commitLock = new Object();
  /** Which versions are written whole; guarded by commitLock. */
  private final CheckpointSpacing spacing;
  private volatile CommitGuard guard = CommitGuard.NONE;

  public ManifestLog(ObjectStore store, StoreOptions options) {
    this(store, options, new InlineBlobs());
  }

  /** {@code blobs}: the inline objects of {@code store} (a {@link ManifestBlobStore}'s). */
  private volatile UnaryOperator<Manifest> checkpointTrim = UnaryOperator.identity();

  public ManifestLog(ObjectStore store, StoreOptions options, InlineBlobs blobs) {
    this.store = store;
    this.options = options;
    this.spacing = new CheckpointSpacing(options.checkpointInterval());
    this.blobs = blobs;
  }

  /**
   * Applied to the catalog a checkpoint (a whole version) writes: what has expired may go there
   * though no change of the table asked for it (an idle table's old merge records).
   */
  public void trimCheckpoints(UnaryOperator<Manifest> trim) {
    this.checkpointTrim = trim;
  }

  /** Asked before every manifest put from now on (e.g. whether this server holds the lease). */
  public void guardCommits(CommitGuard commitGuard) {
    this.guard = commitGuard;
  }

  /** The newest manifest this server has seen, without asking the store. */
  public Manifest current() {
    return current.manifest();
  }

  /** The newest manifest, asking the store when the last look is older than the interval. */
  public Manifest refreshIfStale() {
    return observeIfStale().manifest();
  }

  /** {@link #refreshIfStale()}, with when the manifest was confirmed newest. */
  public ObservedManifest observeIfStale() {
    ObservedManifest seen = current;
    if (seen.ageNanos() >= options.refreshInterval().toNanos()) {
      return observe();
    }
    return seen;
  }

  /** The newest manifest in the store. */
  public Manifest refresh() {
    return observe().manifest();
  }

  /** {@link #refresh()}, with when the manifest was confirmed newest. */
  public ObservedManifest observe() {
    ObservedManifest probed = probeNext();
    if (probed != null) {
      return probed;
    }
    for (int attempt = 0; ; attempt++) {
      long started = System.nanoTime();
      List<Long> versions = listVersions();
      long newest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
      Manifest known = current.manifest();
      if (newest <= known.version()) {
        return install(known, started);
      }
      Manifest read = readChain(known, newest);
      if (read == null) {
        if (attempt > 10) {
          throw new StorageException("manifest version " + newest + " vanished while reading");
        }
        continue; // deleted between list and get: list again
      }
      return install(read, started);
    }
  }

  /**
   * The manifest at version {@code newest}: its object, then (for a delta) the deltas since
   * {@code known} or since its checkpoint, read in one parallel round and applied in order. Null
   * when a version vanished meanwhile (pruned: list again).
   */
  private Manifest readChain(Manifest known, long newest) {
    ManifestObject.Read last = read(newest);
    if (last == null) {
      return null;
    }
    if (last.whole() != null) {
      return last.whole();
    }
    long checkpoint = last.checkpoint();
    boolean fromKnown = known.version() >= checkpoint && known.version() > 0;
    long first = fromKnown ? known.version() + 1 : checkpoint;
    List<java.util.concurrent.CompletableFuture<java.util.Optional<byte[]>>> reads = new ArrayList<>();
    for (long v = first; v < newest; v++) {
      reads.add(store.getAsync(Layout.manifestKey(v)));
    }
    Manifest manifest = fromKnown ? known : null;
    for (int i = 0; i < reads.size(); i++) {
      long version = first + i;
      var bytes = reads.get(i).join();
      if (bytes.isEmpty()) {
        return null;
      }
      manifest = step(manifest, checked(version, ManifestObject.decode(Layout.manifestKey(version), bytes.get())));
    }
    return step(manifest, last);
  }

  /** {@code base} followed by a version: the version itself when whole, else the delta applied. */
  private static Manifest step(Manifest base, ManifestObject.Read read) {
    if (read.whole() != null) {
      return read.whole();
    }
    if (base == null) {
      throw new StorageException("manifest version " + read.version() + " is a delta whose"
          + " checkpoint " + read.checkpoint() + " is not a whole manifest");
    }
    return ManifestObject.apply(base, read.delta());
  }

  /** One version object, checked; null when it does not exist. */
  private ManifestObject.Read read(long version) {
    var bytes = store.get(Layout.manifestKey(version));
    return bytes.isEmpty() ? null
        : checked(version, ManifestObject.decode(Layout.manifestKey(version), bytes.get()));
  }

  private static ManifestObject.Read checked(long version, ManifestObject.Read read) {
    if (read.format() > Manifest.FORMAT) {
      throw new StorageException("manifest format " + read.format() + " is newer than this"
          + " server reads (" + Manifest.FORMAT + "): upgrade the server");
    }
    if (read.version() != version) {
      throw new StorageException(
          "manifest " + Layout.manifestKey(version) + " says version " + read.version());
    }
    return read;
  }

  /**
   * The newest manifest found by reading the versions after the one known, until one is missing:
   * a read or two instead of a listing of every version kept (thousands under a stream of small
   * commits). Only while the known version was confirmed newest within the trusted part of the
   * retention: no version after it can have been deleted yet (a version goes only once its
   * successor has been seen for the retention), so a missing next version means there is none.
   * Null when the listing must decide.
   */
  private ObservedManifest probeNext() {
    ObservedManifest seen = current;
    long started = System.nanoTime();
    if (seen.manifest().version() == 0 || seen.ageNanos() >= trustedPutNanos()) {
      return null;
    }
    Manifest newest = seen.manifest();
    for (int read = 0; read < 64; read++) {
      Manifest installed = current.manifest();
      if (installed.version() > newest.version()) {
        // this server's own commits install themselves: never read and apply them again (under
        // a stream of commits the merger fell behind doing that, and small packs piled up)
        newest = installed;
      }
      long version = newest.version() + 1;
      var bytes = store.get(Layout.manifestKey(version));
      if (bytes.isEmpty()) {
        return install(newest, started);
      }
      ManifestObject.Read next = ManifestObject.decode(Layout.manifestKey(version), bytes.get());
      if (next.format() > Manifest.FORMAT || next.version() != version) {
        return null; // let the listing path report it
      }
      synchronized (firstSeen) {
        firstSeen.putIfAbsent(version, System.nanoTime());
      }
      newest = step(newest, next);
    }
    return null; // far behind: one listing finds the newest at once
  }

  /**
   * Applies {@code change} to the newest manifest and writes the result as the next version,
   * re-reading and re-applying on a conflict. The change may be applied several times, must only
   * depend on its argument, and returns its argument unchanged when there is nothing to commit (it
   * may also throw to abandon the commit). Returns the committed manifest (or the unchanged base).
   */
  public Manifest commit(UnaryOperator<Manifest> change) {
    synchronized (commitLock) {
      return commitLocked(change);
    }
  }

  private Manifest commitLocked(UnaryOperator<Manifest> change) {
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // The first attempt builds on the manifest seen within the refresh interval (this server's
      // own commits install theirs): a commit of another server since then makes the put fail,
      // and the next attempt reads the newest. A store read less per commit.
      ObservedManifest base = attempt == 0 ? observeIfStale() : observe();
      Manifest changed = change.apply(base.manifest());
      if (changed == base.manifest()) {
        return base.manifest();
      }
      Manifest prior = base.manifest();
      Manifest next = changed.successorOf(prior);
      boolean whole = spacing.whole(prior, next.version());
      if (whole) {
        next = checkpointTrim.apply(next);
      }
      ManifestObject.Encoded encoded = ManifestObject.encode(next, prior, whole, blobs,
          key -> store.get(key).orElseThrow(
              () -> new StorageException("inline object \"" + key + "\" vanished")));
      if (base.ageNanos() > MAX_BASE_AGE_NANOS) {
        continue; // see the class comment: a stale base must be re-read
      }
      guard.beforeCommit();
      long putStarted = System.nanoTime();
      if (!store.putIfAbsent(Layout.manifestKey(next.version()), encoded.bytes())) {
        backOff(attempt);
        continue;
      }
      if (base.ageNanos() > trustedPutNanos() && !confirmLatePut(next)) {
        continue; // our manifest sits behind a newer chain, unread by anyone: apply again
      }
      spacing.wrote(prior, next.version(), whole, encoded.jsonBytes());
      encoded.embedded().forEach((key, bytes) -> {
        blobs.remember(key, bytes);
        blobs.unstage(key);
      });
      install(encoded.stored(), putStarted);
      return encoded.stored();
    }
    throw new StorageException(
        "could not commit the manifest after " + MAX_ATTEMPTS + " attempts: too many concurrent writers");
  }

  /**
   * How long after its base was confirmed a put may return and still be trusted: nine tenths of
   * the retention, the tenth a margin for clocks that run at slightly different rates on the
   * servers (each measures its own durations).
   */
  private long trustedPutNanos() {
    return options.manifestRetention().toNanos() / 10 * 9;
  }

  /** True when a late put is in the chain; false when it was lost (the caller retries). */
  private boolean confirmLatePut(Manifest ours) {
    List<Long> versions = listVersions();
    long newest = versions.isEmpty() ? 0 : versions.get(versions.size() - 1);
    return switch (LateCommitCheck.outcome(store, ours, newest)) {
      case COMMITTED -> true;
      case LOST -> {
        LOG.warn("manifest version {} was written after another writer's version {} had been"
            + " deleted (the put outlived the retention): committing again", ours.version(), ours.version());
        yield false;
      }
      case UNKNOWN -> throw new StorageException("could not confirm the commit of manifest version "
          + ours.version() + ": its put took longer than the manifest retention ("
          + options.manifestRetention().toSeconds() + " s) and the versions after it were deleted;"
          + " the commit may or may not have taken effect");
    };
  }

  /** Records that {@code manifest} was the newest when a listing started at {@code at}. */
  private synchronized ObservedManifest install(Manifest manifest, long at) {
    ObservedManifest seen = current;
    if (manifest.version() > seen.manifest().version()
        || (manifest.version() == seen.manifest().version() && at - seen.confirmedNanos() > 0)) {
      blobs.register(manifest, seen.manifest());
      current = new ObservedManifest(manifest, at);
    }
    return current;
  }

  private List<Long> listVersions() {
    List<Long> versions = new ArrayList<>();
    for (String key : store.list(Layout.MANIFEST_PREFIX)) {
      long version = Layout.manifestVersion(key);
      if (version >= 0) {
        versions.add(version);
      }
    }
    versions.sort(null);
    long now = System.nanoTime();
    synchronized (firstSeen) {
      for (Long version : versions) {
        firstSeen.putIfAbsent(version, now);
      }
      if (!versions.isEmpty()) {
        knownNewest = Math.max(knownNewest, versions.get(versions.size() - 1));
      }
    }
    return versions;
  }

  /**
   * Deletes versions older than the newest few whose successor was seen long enough ago, and
   * older than the checkpoint the newest version is built from (readers need that one and every
   * delta after it). A version holding inline objects the newest manifest names stays, and one
   * whose objects it stopped naming stays for the delete grace after that was first seen, as
   * replaced segments do (a statement still reading an older manifest may read them).
   */
  public void prune() {
    synchronized (pruneLock) {
      pruneLocked();
    }
  }

  private void pruneLocked() {
    List<Long> versions = versionsToPrune();
    if (versions.size() <= options.keepManifests()) {
      return;
    }
    Manifest newest = current.manifest();
    long checkpoint = newest.checkpoint() == 0 ? newest.version() : newest.checkpoint();
    java.util.Set<Long> named = new java.util.HashSet<>();
    for (BlobRef ref : newest.inline().values()) {
      named.add(ref.version());
    }
    java.util.Set<Long> pruned = new java.util.HashSet<>();
    long now = System.nanoTime();
    long retention = options.manifestRetention().toNanos();
    // oldest first, up to the first version too young to go: versions are first seen in order
    // (one seen out of order, by a listing, only holds the later ones back until it may go too),
    // so a prune weighs the versions that may go, not all those the retention keeps (every few
    // seconds, tens of thousands under a stream of small commits)
    for (int i = 0; i < versions.size() - options.keepManifests(); i++) {
      long version = versions.get(i);
      if (version >= checkpoint) {
        break;
      }
      Long successorSeen;
      synchronized (firstSeen) {
        successorSeen = firstSeen.get(versions.get(i + 1));
      }
      if (successorSeen == null || now - successorSeen < retention) {
        break;
      }
      if (inlineObjectsExpired(version, named, now)) {
        pruned.add(version);
      }
    }
    if (pruned.isEmpty()) {
      return;
    }
    List<Long> oldestFirst = new ArrayList<>(pruned); // as a folder's log files are freed
    oldestFirst.sort(null);
    List<String> keys = new ArrayList<>();
    for (long version : oldestFirst) {
      keys.add(Layout.manifestKey(version));
    }
    store.deleteAll(keys);
    synchronized (firstSeen) {
      firstSeen.keySet().removeAll(pruned);
    }
    synchronized (unnamedSince) {
      unnamedSince.keySet().removeAll(pruned);
    }
    blobs.forgetVersions(pruned);
  }

  /**
   * The versions {@link #prune} weighs: a listing of the store at every {@link
   * #PRUNES_PER_LISTING}th prune, else the versions known from the last listing and what this
   * server committed or read since (versions are consecutive: each commit writes the one after
   * its base). Under a stream of small commits two minutes of retention are tens of thousands of
   * versions, and listing them all every few seconds was most of what S3Proxy's folder backend
   * spent. A version another server pruned meanwhile is deleted again, which is harmless.
   */
  private List<Long> versionsToPrune() {
    if (prunes++ % PRUNES_PER_LISTING == 0) {
      return listVersions();
    }
    long newest = current.manifest().version();
    long now = System.nanoTime();
    List<Long> versions;
    synchronized (firstSeen) {
      for (long version = knownNewest + 1; version <= newest; version++) {
        firstSeen.putIfAbsent(version, now);
      }
      knownNewest = Math.max(knownNewest, newest);
      versions = new ArrayList<>(firstSeen.keySet()); // sorted
    }
    return versions;
  }

  /** Whether a version's inline objects (if it has any this server knows) may go. */
  private boolean inlineObjectsExpired(long version, java.util.Set<Long> named, long now) {
    if (named.contains(version)) {
      return false;
    }
    if (!blobs.holds(version)) {
      return true;
    }
    synchronized (unnamedSince) {
      long since = unnamedSince.computeIfAbsent(version, v -> now);
      return now - since >= options.deleteGrace().toNanos();
    }
  }

  private static void backOff(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(50, 1 << Math.min(attempt, 6))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while committing", e);
    }
  }
}
