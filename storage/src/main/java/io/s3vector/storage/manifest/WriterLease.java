package io.s3vector.storage.manifest;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.table.WriterLeaseException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a store that does not honour conditional writes (an S3-compatible server that
 * ignores {@code If-None-Match: *}): there two servers committing at once would overwrite each
 * other's manifest, so only the holder of {@code _lease/writer} may run. The object names the
 * holder, when it took the lease and when it last renewed it; the holder renews it every tenth of
 * the timeout and deletes it when it closes.
 *
 * <p>Taking it: a lease of another server renewed less than the timeout ago (by our clock) refuses
 * at once. An older one is watched for a quarter of the timeout: if it changes, its holder is
 * alive (our clocks disagree) and we refuse; if not, we may take it. We write ours, wait a moment
 * (a fifteenth of the timeout), and read it back: if another server's write replaced ours, it won.
 *
 * <p><b>The window that remains.</b> Such a store has no compare-and-swap, so this is a lease by
 * convention, not a lock: (1) two servers starting together both win only if one's read-to-write
 * took longer than the wait — we retry instead when ours did, which closes that case as long as
 * the store is read-after-write consistent (S3 is); (2) a holder that stops for longer than a
 * quarter of the timeout (a stop-the-world pause, a frozen VM) between its check and a manifest
 * put can still commit after another server took over, because a put cannot be fenced. The holder
 * refuses to commit once its last renewal is older than that quarter ({@link #beforeCommit()}),
 * and a holder that finds someone else's lease at renewal stops committing for good. Servers on a
 * store that honours conditional writes need none of this.
 */
public final class WriterLease implements CommitGuard, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WriterLease.class);
  public static final String KEY = "_lease/writer";
  private static final int MAX_ATTEMPTS = 5;

  /** The lease object's content; times are wall-clock milliseconds, for people and messages. */
  record Holder(String serverId, String token, long startedAtMillis, long renewedAtMillis,
      long renewals) {

    Holder renewed() {
      return new Holder(serverId, token, startedAtMillis, System.currentTimeMillis(), renewals + 1);
    }
  }

  private final ObjectStore store;
  private final Duration timeout;
  private final ScheduledExecutorService renewer;
  private volatile Holder mine;
  /** When the last renewal that found our lease in place began ({@link System#nanoTime()}). */
  private volatile long renewedNanos;
  /** The lease found in place of ours at a renewal, or null while we hold it. */
  private volatile Holder lostTo;

  private WriterLease(ObjectStore store, Duration timeout, Holder mine, long renewedNanos) {
    this.store = store;
    this.timeout = timeout;
    this.mine = mine;
    this.renewedNanos = renewedNanos;
    this.renewer = Executors.newSingleThreadScheduledExecutor(
        runnable -> Thread.ofPlatform().daemon().name("s3vector-writer-lease").unstarted(runnable));
    long every = renewInterval().toMillis();
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lease of {@code store} for this server, or throws a {@link WriterLeaseException}
   * naming the server that holds it.
   */
  public static WriterLease acquire(ObjectStore store, Duration timeout) {
    String serverId = serverId();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      long readStarted = System.nanoTime();
      Optional<Holder> seen = read(store);
      if (seen.isPresent() && !seen.get().serverId().equals(serverId)) { // (ours: an earlier attempt)
        refuseIfAlive(store, seen.get(), timeout);
      }
      Holder mine = new Holder(serverId, UUID.randomUUID().toString(), System.currentTimeMillis(),
          System.currentTimeMillis(), 0);
      store.put(KEY, CatalogJson.write(mine));
      Duration settle = timeout.dividedBy(15);
      if (System.nanoTime() - readStarted > settle.toNanos()) {
        continue; // too slow to trust the read-back below: see the class comment, case (1)
      }
      sleep(settle);
      Optional<Holder> after = read(store);
      if (after.isPresent() && after.get().token().equals(mine.token())) {
        LOG.info("{} does not honour conditional writes: this server ({}) holds its writer lease"
            + " {}, so no other server may write it meanwhile", store, serverId, KEY);
        return new WriterLease(store, timeout, mine, readStarted);
      }
      throw refusal(store, after.orElse(null), "took the writer lease at the same time");
    }
    throw new WriterLeaseException("could not take the writer lease " + KEY + " of " + store
        + ": writing it took longer than " + timeout.dividedBy(15).toMillis() + " ms "
        + MAX_ATTEMPTS + " times");
  }

  /** Throws unless {@code seen} is stale: renewed longer than the timeout ago and not renewing. */
  private static void refuseIfAlive(ObjectStore store, Holder seen, Duration timeout) {
    long ageMillis = System.currentTimeMillis() - seen.renewedAtMillis();
    if (ageMillis < timeout.toMillis()) {
      throw refusal(store, seen, "holds the writer lease, renewed " + seconds(ageMillis) + " ago");
    }
    // Stale by our clock, but clocks differ between machines: watch whether it is still renewed.
    sleep(timeout.dividedBy(4));
    Optional<Holder> again = read(store);
    if (again.isPresent() && !again.get().equals(seen)) {
      throw refusal(store, again.get(), "renewed the writer lease while this server waited");
    }
    LOG.warn("taking over the writer lease {} of {} from server {}: not renewed for {}", KEY,
        store, seen.serverId(), seconds(ageMillis));
  }

  private static WriterLeaseException refusal(ObjectStore store, Holder other, String what) {
    String who = other == null ? "another server" : "server " + other.serverId()
        + " (lease taken " + seconds(System.currentTimeMillis() - other.startedAtMillis()) + " ago)";
    return new WriterLeaseException(store + " does not honour conditional writes"
        + " (If-None-Match: *), so only one server may write it at a time, and " + who + " "
        + what + ". Stop that server first (a stopped server releases the lease; a crashed one's"
        + " lease expires after it has not been renewed for the lease timeout), or use a store"
        + " that honours conditional writes, such as AWS S3 or MinIO, to run several servers.");
  }

  /** Refuses a commit unless the lease is ours and was confirmed recently (class comment, (2)). */
  @Override
  public void beforeCommit() {
    Holder other = lostTo;
    if (other != null) {
      throw new WriterLeaseException("this server lost the writer lease of " + store + " to server "
          + other.serverId() + ": it may no longer write, restart it once the other has stopped");
    }
    long age = System.nanoTime() - renewedNanos;
    if (age > timeout.dividedBy(4).toNanos()) {
      throw new WriterLeaseException("this server could not renew its writer lease of " + store
          + " for " + seconds(age / 1_000_000) + ": it may not write until it does");
    }
  }

  private void renew() {
    try {
      long started = System.nanoTime();
      Optional<Holder> seen = read(store);
      if (seen.isEmpty() || !seen.get().token().equals(mine.token())) {
        lostTo = seen.orElse(new Holder("(none: the lease was deleted)", "", 0, 0, 0));
        LOG.error("this server lost the writer lease {} of {} to server {}: commits are refused",
            KEY, store, lostTo.serverId());
        renewer.shutdown();
        return;
      }
      Holder next = mine.renewed();
      store.put(KEY, CatalogJson.write(next));
      mine = next;
      renewedNanos = started;
    } catch (RuntimeException e) {
      LOG.warn("could not renew the writer lease {} of {}: {}", KEY, store, e.getMessage());
    }
  }

  private Duration renewInterval() {
    return timeout.dividedBy(10);
  }

  /** Stops renewing and deletes the lease if it is still ours. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      renewer.awaitTermination(10, TimeUnit.SECONDS);
      Optional<Holder> seen = read(store);
      // (not atomic: a server that took over between the read and the delete loses its lease)
      if (seen.isPresent() && seen.get().token().equals(mine.token())) {
        store.delete(KEY);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("could not release the writer lease {} of {}: {}", KEY, store, e.getMessage());
    }
  }

  private static Optional<Holder> read(ObjectStore store) {
    return store.get(KEY).map(json -> CatalogJson.read(json, Holder.class, "writer lease " + KEY));
  }

  /** Host, process id and a random suffix: unique per database, and readable in messages. */
  private static String serverId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String seconds(long millis) {
    return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while taking the writer lease", e);
    }
  }
}
