package io.s3vector.storage.engine;

import io.s3vector.storage.StorageException;
import io.s3vector.storage.cache.CacheNamespace;
import io.s3vector.storage.cache.RedisCacheConfig;
import io.s3vector.storage.cache.RedisRangeCache;
import io.s3vector.storage.cache.TieredReader;
import io.s3vector.storage.io.IoScheduler;
import io.s3vector.storage.io.ReadStats;
import io.s3vector.storage.keys.KeyChecks;
import io.s3vector.storage.keys.KeyIndex;
import io.s3vector.storage.keys.LiveKeys;
import io.s3vector.storage.layout.Layout;
import io.s3vector.storage.manifest.Manifest;
import io.s3vector.storage.manifest.ManifestLog;
import io.s3vector.storage.manifest.SegmentRef;
import io.s3vector.storage.manifest.TableEntry;
import io.s3vector.storage.manifest.WriterLease;
import io.s3vector.storage.objectstore.ConditionalWriteProbe;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.search.SegmentIndexes;
import io.s3vector.storage.search.VectorSearch;
import io.s3vector.storage.segment.CachedSize;
import io.s3vector.storage.segment.SegmentReader;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.Database;
import io.s3vector.storage.table.DuplicateKeysException;
import io.s3vector.storage.table.IndexDefinition;
import io.s3vector.storage.table.NullKeyException;
import io.s3vector.storage.table.ReadView;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.Table;
import io.s3vector.storage.table.SequenceExhaustedException;
import io.s3vector.storage.table.SequenceSpec;
import io.s3vector.storage.table.SerialSequence;
import io.s3vector.storage.table.TableExistsException;
import io.s3vector.storage.table.TableSchema;
import io.s3vector.storage.write.Compactor;
import io.s3vector.storage.write.GroupCommitter;
import io.s3vector.storage.write.IndexDdl;
import io.s3vector.storage.write.OrphanSweeper;
import io.s3vector.storage.write.SegmentRows;
import io.s3vector.storage.zarr.ZarrGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables of one object store, as its manifest lists them. Open one on a folder with {@code
 * StoreDatabase.open(new LocalObjectStore(path))}. Several servers may open the same store: each
 * commit is a conditional write of the next manifest version, and reads look for a newer
 * manifest at most every {@link StoreOptions#refreshInterval()}.
 */
public final class StoreDatabase implements Database {

  private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);

  /** The store under the I/O scheduler's bound: every request of this database goes through it. */
  private final ObjectStore store;
  private final ObjectStore objectStore;
  private final IoScheduler io;
  private final TieredReader tiers;
  /** What every read of this database cost, since it opened. */
  private final ReadStats readTotals = new ReadStats();
  private final StoreOptions options;
  private final ManifestLog log;
  private final SegmentReader reader;
  private final KeyChecks keyChecks;
  /** Segments written by this server's open staged writes, not yet committed or deleted. */
  private final Set<String> stagedSegments = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final OrphanSweeper orphans;
  private final GroupCommitter committer;
  private final Compactor compactor;
  private final ScheduledThreadPoolExecutor background;
  /** Deletes old manifest versions every few seconds. */
  private final ScheduledThreadPoolExecutor pruner = new ScheduledThreadPoolExecutor(1,
      runnable -> Thread.ofPlatform().daemon().name("s3vector-manifest-prune").unstarted(runnable));
  private static final long PRUNE_INTERVAL_MILLIS = 5_000;
  /** Threads that search segments in parallel for one query (CPU-bound: one per core). */
  private final ExecutorService searchWorkers = Executors.newFixedThreadPool(VectorSearch.PARALLELISM,
      runnable -> Thread.ofPlatform().daemon().name("s3vector-search").unstarted(runnable));
  private final SegmentIndexes segmentIndexes;
  private final IndexDdl indexDdl;
  private final SegmentWriter writer;
  private final GroupObjects groupObjects;
  private final ConcurrentHashMap<String, StoreTable> handles = new ConcurrentHashMap<>();
  /** The small objects of commits, inside manifest versions. */
  private final io.s3vector.storage.manifest.InlineBlobs blobs;
  /** This server's open staged writes, with when each began. */
  private final Map<StoreStagedWrite, Long> openWrites = new ConcurrentHashMap<>();
  /**
   * Under a stream of small commits every folded pack is a record; at 1,000 commits a second, 10 s
   * of records made each checkpoint 1.7 MB of JSON, and at 3,000 a second 2 s of them (7,400
   * records) still made each checkpoint 1 MB and every merge's delta walk them all. A statement of
   * another server that runs longer than this across a merge of its rows runs again (40001).
   */
  static final long MIN_MOVED_RETENTION_MILLIS = 500;
  /** Added to the age of this server's oldest open write: the wall clock of a merge record and
   * of a write's start are read on different threads, a moment apart. */
  static final long MOVED_RETENTION_MARGIN_MILLIS = 250;
  /** This server's writer lease, on a store without conditional writes; else null. */
  private final WriterLease lease;

  private StoreDatabase(ObjectStore objectStore, StoreOptions options, WriterLease lease) {
    this.objectStore = objectStore;
    this.lease = lease;
    // packs and deletion sets of commits travel inside the manifest version that commits them
    this.blobs =
        new io.s3vector.storage.manifest.InlineBlobs(Math.min(64L << 20, options.cacheBytes()));
    this.io = new IoScheduler(new io.s3vector.storage.manifest.ManifestBlobStore(objectStore, blobs),
        options.maxConcurrency());
    this.store = io.store();
    this.options = options;
    RedisRangeCache redis = options.redisUrl() == null ? null
        : new RedisRangeCache(RedisCacheConfig.of(options.redisUrl(),
            CacheNamespace.of("store", objectStore.location())).withTimeout(options.redisTimeout()));
    this.tiers = new TieredReader(options.cacheBytes(), CachedSize::of, redis, io);
    this.log = new ManifestLog(store, options, blobs);
    log.trimCheckpoints(this::withoutExpiredMoves);
    if (lease != null) {
      log.guardCommits(lease);
    }
    this.reader = new SegmentReader(tiers, readTotals);
    this.writer = new SegmentWriter(store, options.targetChunkBytes(),
        (directory, written) -> reader.remember(directory, written.id(), written.meta()));
    this.background =
        new ScheduledThreadPoolExecutor(
            1, runnable -> Thread.ofPlatform().daemon().name("s3vector-compactor").unstarted(runnable));
    background.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.segmentIndexes = new SegmentIndexes(store, reader, options);
    this.keyChecks = new KeyChecks(reader, readTotals);
    this.compactor =
        new Compactor(log, reader, writer, store, options, background, segmentIndexes,
            this::movedRetentionMillis, new Compactor.MergeListener() {
              @Override
              public void written(TableEntry entry, String segmentId,
                  List<io.s3vector.storage.segment.ColumnData> columns) {
                keyChecks.rememberColumns(entry.directory(), segmentId, entry.schema(), columns);
              }

              @Override
              public void replaced(TableEntry entry, List<SegmentRef> replaced) {
                reader.forget(entry.directory(), replaced);
                keyChecks.forget(entry.directory(), entry.schema(), replaced);
              }
            });
    this.groupObjects = new GroupObjects(store, reader, readTotals, writer, segmentIndexes,
        keyChecks, stagedSegments);
    this.committer = new GroupCommitter(log, groupObjects);
    this.indexDdl = new IndexDdl(log, segmentIndexes, options, background);
    this.orphans = new OrphanSweeper(store, log, options.orphanGrace(), () -> Set.copyOf(stagedSegments));
    long sweepMillis = Math.max(1_000, Math.min(600_000, options.orphanGrace().toMillis() / 2));
    background.scheduleWithFixedDelay(this::sweepQuietly, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    // old manifest versions go beside the commits, not inside one (a listing of thousands of
    // versions would hold every commit back), and beside merges, which may run for minutes
    long pruneMillis = Math.max(100, Math.min(PRUNE_INTERVAL_MILLIS, options.manifestRetention().toMillis()));
    pruner.scheduleWithFixedDelay(this::pruneQuietly, pruneMillis, pruneMillis, TimeUnit.MILLISECONDS);
    // tables left with segments to merge (by a crash, or before this merge policy) converge now
    for (String table : log.refresh().tables().keySet()) {
      compactor.maybeSchedule(table);
    }
    preloadRouting();
  }

  /**
   * Reads, in one round, what a cold query needs before its first read of vectors: every
   * segment's attributes (into the in-process cache) and the IVF heads of every index. A fresh
   * server then answers its first vector query in two rounds of reads plus the fetch of its
   * result rows, instead of discovering them one round at a time. Best effort: a failure here
   * only leaves the reads to the first query.
   */
  private void preloadRouting() {
    List<CompletableFuture<?>> reads = new ArrayList<>();
    for (TableEntry entry : log.current().tables().values()) {
      List<String> ids = new ArrayList<>();
      for (SegmentRef segment : entry.segments()) {
        ids.add(segment.id());
      }
      reads.add(io.async(() -> reader.metas(entry.directory(), ids, readTotals)));
      for (IndexDefinition index : entry.indexes()) {
        List<SegmentIndexes.HeadRequest> requests = new ArrayList<>();
        for (SegmentRef segment : entry.segments()) {
          if (segment.hasIndex(index.name())) {
            requests.add(new SegmentIndexes.HeadRequest(entry.directory(), segment.id()));
          }
        }
        if (!requests.isEmpty()) {
          reads.add(io.async(() -> segmentIndexes.warmUp(requests, index,
              segmentIndexes.heads(requests, index, readTotals), readTotals)));
        }
      }
    }
    String clusterKey = null;
    for (CompletableFuture<?> read : reads) {
      try {
        if (read.join() instanceof String key) {
          clusterKey = key;
        }
      } catch (RuntimeException e) {
        LOG.warn("could not preload what cold queries read first: {}", e.getMessage());
      }
    }
    if (clusterKey != null) {
      // the first query's rounds are dozens of parallel ranged reads of such objects
      long started = System.nanoTime();
      objectStore.warmUp(clusterKey, STORE_WARM_UP_BUDGET);
      LOG.debug("store reads warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** The most time opening a database spends warming up its store's reads. */
  private static final Duration STORE_WARM_UP_BUDGET = Duration.ofSeconds(5);

  /** Opens the database in {@code store} (an empty store is an empty database). */
  public static StoreDatabase open(ObjectStore store) {
    return open(store, StoreOptions.defaults());
  }

  /**
   * Opens the database in {@code store}, which it owns (closes) once open; when opening fails the
   * store stays the caller's. With {@link
   * StoreOptions#writerLease()}, a store that does not honour conditional writes is opened only by
   * the holder of its writer lease: this throws a {@link
   * io.s3vector.storage.table.WriterLeaseException} while another server holds it.
   */
  public static StoreDatabase open(ObjectStore store, StoreOptions options) {
    WriterLease lease = null;
    try {
      if (options.writerLease() && !store.guaranteesConditionalWrites()
          && !ConditionalWriteProbe.honoursConditionalWrites(store)) {
        LOG.warn("{} does not honour conditional writes (If-None-Match: *): only the holder of its"
            + " writer lease may write it, one server at a time", store);
        lease = WriterLease.acquire(store, options.leaseTimeout());
      }
      return new StoreDatabase(store, options, lease);
    } catch (RuntimeException e) {
      if (lease != null) {
        lease.close();
      }
      throw e;
    }
  }

  public ObjectStore store() {
    return store;
  }

  /** The cache tiers of this database's reads. */
  public TieredReader tiers() {
    return tiers;
  }

  @Override
  public ReadStats readTotals() {
    return readTotals;
  }

  /**
   * Values a CREATE SEQUENCE sequence reserved for this server at once, as PostgreSQL logs 32
   * ahead (or its CACHE, when larger): a nextval costs a manifest commit once per block.
   */
  static final int SEQUENCE_BLOCK = 32;

  /** A block of reserved values: handed out from {@code next}; the sequence as it left it. */
  private static final class SequenceBlock {
    final long[] values;
    final SequenceSpec after;
    int next;

    SequenceBlock(long[] values, SequenceSpec after) {
      this.values = values;
      this.after = after;
    }

    /**
     * Whether values are left and the sequence stands where the block left it in {@code stored}:
     * values another server reserved, a setval or an ALTER since, and the block's rest would go
     * back below them, so it is skipped, as serial columns' blocks are.
     */
    boolean holdsValuesOf(SequenceSpec stored) {
      return next < values.length && after.equals(stored);
    }
  }

  /** By sequence name; guarded by itself. */
  private final java.util.Map<String, SequenceBlock> sequenceBlocks = new java.util.HashMap<>();

  @Override
  public boolean createTable(TableSchema schema, boolean ifNotExists) {
    validate(schema);
    String id = UUID.randomUUID().toString();
    String directory = Layout.tableDirectory(schema.name());
    // Zarr groups all the way down, so zarr.open(root) shows tables and segments as a hierarchy.
    store.put(ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson());
    store.put(directory + "/" + ZarrGroup.GROUP_FILE, ZarrGroup.zgroupJson());
    Manifest committed =
        log.commit(
            base -> {
              if (IndexDdl.nameTaken(base, schema.name())) {
                if (ifNotExists) {
                  return base;
                }
                throw new TableExistsException(schema.name());
              }
              return base.withTable(
                  new TableEntry(id, directory, schema, List.of(), java.util.Map.of()));
            });
    TableEntry entry = committed.table(schema.name());
    return entry != null && entry.id().equals(id);
  }

  @Override
  public boolean dropTable(String name) {
    TableEntry[] dropped = new TableEntry[1];
    log.commit(
        base -> {
          dropped[0] = base.table(name);
          return dropped[0] == null ? base : withoutOwnedSequences(base.withoutTable(name), name);
        });
    TableEntry entry = dropped[0];
    if (entry == null) {
      return false;
    }
    forgetDropped(name, entry);
    return true;
  }

  @Override
  public List<String> schemaNames() {
    return List.copyOf(manifest().schemas());
  }

  @Override
  public boolean createSchema(String name) {
    boolean[] created = new boolean[1];
    log.commit(
        base -> {
          created[0] = !base.schemas().contains(name);
          return created[0] ? base.withSchema(name) : base;
        });
    return created[0];
  }

  @Override
  public Optional<List<String>> dropSchema(
      String name, java.util.function.Predicate<String> inSchema) {
    java.util.Map<String, TableEntry> dropped = new java.util.TreeMap<>();
    boolean[] existed = new boolean[1];
    log.commit(
        base -> {
          dropped.clear();
          existed[0] = base.schemas().contains(name);
          if (!existed[0]) {
            return base;
          }
          Manifest next = base.withoutSchema(name);
          for (var e : base.tables().entrySet()) {
            if (inSchema.test(e.getKey())) {
              dropped.put(e.getKey(), e.getValue());
              next = withoutOwnedSequences(next.withoutTable(e.getKey()), e.getKey());
            }
          }
          for (String sequence : base.sequences().keySet()) {
            if (inSchema.test(sequence)) {
              next = next.withSequence(sequence, null);
            }
          }
          return next;
        });
    if (!existed[0]) {
      return Optional.empty();
    }
    dropped.forEach(this::forgetDropped);
    return Optional.of(List.copyOf(dropped.keySet()));
  }

  /** {@code manifest} without the sequences owned by {@code table} (OWNED BY: dropped with it). */
  private static Manifest withoutOwnedSequences(Manifest manifest, String table) {
    Manifest out = manifest;
    for (var e : manifest.sequences().entrySet()) {
      if (e.getValue().isOwnedBy(table)) {
        out = out.withSequence(e.getKey(), null);
      }
    }
    return out;
  }

  /**
   * The sequences of the newest manifest; one this server hands out values of from a block shows
   * the last value it handed out (pg_sequences.last_value), not the block's end, which the
   * manifest holds.
   */
  @Override
  public java.util.SortedMap<String, SequenceSpec> sequences() {
    java.util.SortedMap<String, SequenceSpec> stored = manifest().sequences();
    java.util.SortedMap<String, SequenceSpec> shown = stored;
    for (var e : stored.entrySet()) {
      SequenceSpec spec = handedOut(e.getKey(), e.getValue());
      if (spec != e.getValue()) {
        if (shown == stored) {
          shown = new java.util.TreeMap<>(stored);
        }
        shown.put(e.getKey(), spec);
      }
    }
    return shown;
  }

  /** {@code stored} at the last value this server handed out of its block, when it holds one. */
  private SequenceSpec handedOut(String name, SequenceSpec stored) {
    synchronized (sequenceBlocks) {
      SequenceBlock block = sequenceBlocks.get(name);
      return block != null && block.holdsValuesOf(stored)
          ? stored.withValue(block.values[block.next - 1], true) : stored;
    }
  }

  @Override
  public boolean createSequence(String name, SequenceSpec spec, boolean ifNotExists) {
    boolean[] created = new boolean[1];
    log.commit(
        base -> {
          created[0] = false;
          if (IndexDdl.nameTaken(base, name)) {
            if (ifNotExists) {
              return base;
            }
            throw new TableExistsException(name);
          }
          created[0] = true;
          return base.withSequence(name, spec);
        });
    forgetSequenceBlock(name);
    return created[0];
  }

  @Override
  public SequenceSpec alterSequence(String name, java.util.function.UnaryOperator<SequenceSpec> change) {
    SequenceSpec[] committed = new SequenceSpec[1];
    log.commit(
        base -> {
          SequenceSpec stored = base.sequences().get(name);
          if (stored == null) {
            throw new java.util.NoSuchElementException("sequence " + name);
          }
          // where this server's block stands, as PostgreSQL's checks see the last value handed
          // out; the block ends with the change, so its rest is never handed out
          SequenceSpec before = handedOut(name, stored);
          committed[0] = change.apply(before);
          return committed[0] == before ? base : base.withSequence(name, committed[0]);
        });
    forgetSequenceBlock(name);
    return committed[0];
  }

  @Override
  public Long nextSequenceValue(String name) {
    synchronized (sequenceBlocks) {
      SequenceBlock block = sequenceBlocks.get(name);
      if (block != null && block.holdsValuesOf(log.current().sequences().get(name))) {
        return block.values[block.next++];
      }
      SequenceSpec.Reservation[] taken = new SequenceSpec.Reservation[1];
      log.commit(
          base -> {
            SequenceSpec spec = base.sequences().get(name);
            if (spec == null) {
              throw new java.util.NoSuchElementException("sequence " + name);
            }
            taken[0] = spec.take((int) Math.min(Math.max(spec.cache(), SEQUENCE_BLOCK), 1 << 16));
            return taken[0].values().length == 0 ? base : base.withSequence(name, taken[0].after());
          });
      long[] values = taken[0].values();
      if (values.length == 0) {
        sequenceBlocks.remove(name);
        return null;
      }
      SequenceBlock fresh = new SequenceBlock(values, taken[0].after());
      fresh.next = 1;
      sequenceBlocks.put(name, fresh);
      return values[0];
    }
  }

  private void forgetSequenceBlock(String name) {
    synchronized (sequenceBlocks) {
      sequenceBlocks.remove(name);
    }
  }

  /** After a drop committed: the table's handle forgotten, its segments deleted after a grace. */
  private void forgetDropped(String name, TableEntry entry) {
    handles.remove(name, handles.get(name));
    // Snapshots taken before the drop may still read the segments for a while.
    try {
      background.schedule(
          () -> {
            for (SegmentRef segment : entry.segments()) {
              SegmentWriter.delete(store, entry.directory(), segment.id());
            }
          },
          options.deleteGrace().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing: the segments stay as garbage, which nothing refers to
    }
  }

  @Override
  public TableSchema alterTable(String name, java.util.function.UnaryOperator<TableSchema> change) {
    TableSchema[] result = new TableSchema[1];
    log.commit(
        base -> {
          TableEntry entry = base.table(name);
          if (entry == null) {
            throw new java.util.NoSuchElementException(name);
          }
          TableSchema next = change.apply(entry.schema());
          result[0] = next;
          if (next == entry.schema()) {
            return base;
          }
          validate(next);
          checkNewUniqueKeys(entry, next);
          // a serial column whose sequence's options changed keeps where it stands
          return base.withTable(entry.withSchema(next));
        });
    return result[0];
  }

  /**
   * Fails with a {@link DuplicateKeysException} when two live rows of
   * {@code entry} share a unique key that {@code next} adds. Runs inside the commit, on the rows
   * of the version it commits onto, so no write slips in between the check and the key.
   */
  private void checkNewUniqueKeys(TableEntry entry, TableSchema next) {
    List<TableSchema.UniqueKey> before = entry.schema().uniqueKeys();
    for (TableSchema.UniqueKey key : next.uniqueKeys()) {
      if (before.contains(key)) {
        continue;
      }
      LiveKeys live = keyChecks.live(entry.directory(), next,
          entry.segments(), java.util.Map.of(), key, readTotals);
      java.util.TreeSet<Object[]> seen = KeyIndex.newKeySet();
      for (int s = 0; s < entry.segments().size(); s++) {
        for (Object[] value : live.keysOf(s)) {
          if (key.comparable(value) && !seen.add(value)) {
            throw new DuplicateKeysException(key.name(), key.columns(), value);
          }
        }
      }
      if (key.columns().equals(next.primaryKey())) {
        checkNoNulls(entry, next, key);
      }
    }
  }

  /**
   * A primary key's columns become NOT NULL: fails, naming the first of them (in key order) that
   * a live row holds NULL in (PostgreSQL reports duplicates first, then these).
   */
  private void checkNoNulls(TableEntry entry, TableSchema next, TableSchema.UniqueKey key) {
    for (String column : key.columns()) {
      LiveKeys live = keyChecks.live(entry.directory(), next, entry.segments(), java.util.Map.of(),
          new TableSchema.UniqueKey(key.name(), List.of(column)), readTotals);
      for (int s = 0; s < entry.segments().size(); s++) {
        if (live.hasNullIn(s)) {
          throw new NullKeyException(column, next.name());
        }
      }
    }
  }

  @Override
  public Optional<Table> table(String name) {
    TableEntry entry = manifest().table(name);
    if (entry == null) {
      // another server may have created it within the refresh interval: a miss is confirmed
      entry = log.refresh().table(name);
    }
    if (entry == null) {
      return Optional.empty();
    }
    TableEntry found = entry;
    StoreTable handle =
        handles.compute(
            name, (key, old) -> old != null && old.id().equals(found.id()) ? old : new StoreTable(this, found));
    return Optional.of(handle);
  }

  @Override
  public Optional<String> tableOfIndex(String index) {
    TableEntry entry = manifest().tableOfIndex(index);
    if (entry == null) {
      entry = log.refresh().tableOfIndex(index);
    }
    return entry == null ? Optional.empty() : Optional.of(entry.schema().name());
  }

  @Override
  public List<String> tableNames() {
    return new ArrayList<>(manifest().tables().keySet());
  }

  @Override
  public ReadView readView() {
    return new StoreReadView(this, log.observeIfStale(), readTotals.child());
  }

  @Override
  public StagedWrite beginWrite() {
    StoreStagedWrite write = new StoreStagedWrite(this);
    openWrites.put(write, System.currentTimeMillis());
    return write;
  }

  /** How many small objects wait for a commit (a write that ended must leave none). */
  public int stagedInlineObjects() {
    return blobs.stagedCount();
  }

  /** A staged write committed or aborted. */
  void writeEnded(StoreStagedWrite write) {
    openWrites.remove(write);
  }

  /**
   * Every table without its merge records older than {@link #movedRetentionMillis}: only a merge
   * of a table dropped them, so an idle table's records (1,500 of them, 200 KB of JSON, after a
   * burst of UPDATEs) rode in every checkpoint.
   */
  private Manifest withoutExpiredMoves(Manifest manifest) {
    long now = System.currentTimeMillis();
    long retention = movedRetentionMillis();
    Manifest out = manifest;
    for (TableEntry entry : manifest.tables().values()) {
      if (entry.hasMovedOlderThan(now, retention)) {
        out = out.withTable(entry.withMoved(java.util.Map.of(), now, retention));
      }
    }
    return out;
  }

  /**
   * How long a merge keeps the records of where merged-away segments went ({@link
   * TableEntry#moved}): as long as the oldest write of this server has been open (its deletions
   * must follow the merges since it began), at least {@link #MIN_MOVED_RETENTION_MILLIS}, at most
   * the delete grace. Every small commit becomes a record once merged, so keeping them all for
   * the delete grace made the manifest of a table under a stream of small commits megabytes
   * long. A write of another server older than this whose rows were merged meanwhile fails with
   * a serialization failure (40001); a single statement runs again by itself.
   */
  long movedRetentionMillis() {
    long now = System.currentTimeMillis();
    long oldest = now;
    for (long began : openWrites.values()) {
      oldest = Math.min(oldest, began);
    }
    return Math.min(options.deleteGrace().toMillis(),
        Math.max(MIN_MOVED_RETENTION_MILLIS, now - oldest + MOVED_RETENTION_MARGIN_MILLIS));
  }

  /**
   * Reserves at least {@code min} and up to {@code wanted} counters of a serial column's sequence
   * in one manifest commit.
   */
  SerialBlock reserveSerials(String tableId, String table, String column, long min, long wanted) {
    SerialBlock[] block = new SerialBlock[1];
    log.commit(base -> {
      TableEntry entry = serialTable(base, tableId, table, column);
      SerialSequence sequence = entry.serialSequence(column);
      long last = entry.sequenceCounter(column);
      long n = Math.min(wanted, sequence.limit() - last);
      if (n < min) {
        throw new SequenceExhaustedException(table, column, sequence);
      }
      block[0] = new SerialBlock(sequence, last + 1, last + n);
      return base.withTable(entry.withAppended(List.of(), java.util.Map.of(column, last + n)));
    });
    return block[0];
  }

  /**
   * Gives back the values of {@code block} this server did not hand out, in one manifest commit,
   * when nothing moved the sequence since the block was reserved (no other server holds values
   * past it); else changes nothing.
   */
  void giveBackSerials(String tableId, String table, String column, SerialBlock block) {
    log.commit(base -> {
      TableEntry entry = serialTable(base, tableId, table, column);
      if (!entry.sequenceStandsAt(column, block.sequence, block.end)) {
        return base;
      }
      return base.withTable(entry.withSequence(column, block.handedTo()));
    });
  }

  /** setval of a serial column's sequence in one manifest commit: anchored at {@code value}. */
  void setSequence(String tableId, String table, String column, long value, boolean called) {
    log.commit(base -> {
      TableEntry entry = serialTable(base, tableId, table, column);
      SerialSequence at = SerialSequence.from(entry.serialSequence(column).options(), value);
      return base.withTable(entry.withSequence(column, at, at.counterOf(called)));
    });
  }

  /** The table of {@code base} whose serial column's sequence a change is about, or an error. */
  private static TableEntry serialTable(Manifest base, String tableId, String table, String column) {
    TableEntry entry = base.table(table);
    if (entry == null || !entry.id().equals(tableId)) {
      throw new StorageException("relation \"" + table + "\" does not exist");
    }
    int c = entry.schema().indexOf(column);
    if (c < 0 || !entry.schema().columns().get(c).serial()) {
      throw new StorageException("column \"" + column + "\" of relation \"" + table
          + "\" is not a serial column");
    }
    return entry;
  }

  @Override
  public int vacuum(String table) {
    return compactor.fold(table);
  }

  /**
   * Deletes segment folders no manifest has named for the orphan grace (see {@link
   * OrphanSweeper}); runs in the background, here for tests. Returns how many it deleted.
   */
  public int sweepOrphans() {
    return orphans.sweep();
  }

  private void pruneQuietly() {
    try {
      log.prune();
    } catch (RuntimeException e) {
      LOG.warn("could not delete old manifests: {}", e.getMessage());
    }
  }

  private void sweepQuietly() {
    try {
      orphans.sweep();
    } catch (RuntimeException e) {
      LOG.warn("orphan sweep failed: {}", e.toString());
    }
  }

  /** Segment ids this server's staged writes hold (the sweeper leaves them alone). */
  Set<String> stagedSegments() {
    return stagedSegments;
  }

  /** Compacts the table's small segments now (normally done in the background after commits). */
  public int compact(String table) {
    return compactor.compact(table);
  }

  /** Deletes old manifest versions now (normally done lazily after commits). */
  public void pruneManifests() {
    log.prune();
  }

  /** The newest manifest, re-read when the last look is older than the refresh interval. */
  public Manifest manifest() {
    return log.refreshIfStale();
  }

  StoreOptions options() {
    return options;
  }

  ManifestLog log() {
    return log;
  }

  Compactor compactor() {
    return compactor;
  }

  SegmentWriter writer() {
    return writer;
  }

  GroupCommitter committer() {
    return committer;
  }

  /**
   * The objects of writes: the segments of new rows (a write's own, and its commit group's
   * packs) and deletion sets.
   */
  GroupObjects groupObjects() {
    return groupObjects;
  }

  KeyChecks keyChecks() {
    return keyChecks;
  }

  SegmentReader reader() {
    return reader;
  }

  ExecutorService searchWorkers() {
    return searchWorkers;
  }

  public SegmentIndexes segmentIndexes() {
    return segmentIndexes;
  }

  IndexDdl indexDdl() {
    return indexDdl;
  }

  private static void validate(TableSchema schema) {
    if (schema.columns().isEmpty()) {
      throw new StorageException("table \"" + schema.name() + "\" has no columns");
    }
    Set<String> names = new HashSet<>();
    for (ColumnSpec column : schema.columns()) {
      if (!names.add(column.name())) {
        throw new StorageException(
            "column \"" + column.name() + "\" specified more than once");
      }
      if (column.serial()
          && column.type() != ColumnType.INT2
          && column.type() != ColumnType.INT4
          && column.type() != ColumnType.INT8) {
        throw new StorageException("serial column \"" + column.name() + "\" must be an integer");
      }
    }
  }

  @Override
  public void close() {
    committer.close();
    compactor.close();
    background.shutdown();
    pruner.shutdown();
    try {
      background.awaitTermination(30, TimeUnit.SECONDS);
      pruner.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    searchWorkers.shutdown();
    if (lease != null) {
      lease.close(); // after the last commit: another server may take over at once
    }
    tiers.close();
    io.close();
    objectStore.close();
  }
}
