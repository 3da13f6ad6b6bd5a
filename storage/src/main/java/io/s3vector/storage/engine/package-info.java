/**
 * The storage engine behind the {@code table} API. {@link
 * io.s3vector.storage.engine.StoreDatabase} opens one object store and wires the manifest log,
 * segment reader and writer, chunk cache, graph cache, group committer, compactor and index DDL
 * together; {@link io.s3vector.storage.engine.StoreTable}, {@link
 * io.s3vector.storage.engine.StoreSnapshot} and {@link io.s3vector.storage.engine.StoreStagedWrite}
 * are its {@code Table}, {@code TableSnapshot} and {@code StagedWrite}. First step of a read below
 * the API: a snapshot is the fixed segment list of one {@code manifest} version; a scan or a fetch
 * asks the {@code segment} reader for chunks, a vector search hands the segments to {@code
 * search}. Appends, compaction and index DDL go to {@code write}. The staged write lives here and
 * not in {@code write} because it works on the engine's own tables (their ids, row checks and
 * sequence caches); kept together, the engine's wiring stays package-private.
 */
package io.s3vector.storage.engine;
