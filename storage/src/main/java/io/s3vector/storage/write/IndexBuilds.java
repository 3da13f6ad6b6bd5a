package io.s3vector.storage.write;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many CREATE INDEX runs this process has started per table and index name. A dropped
 * index's objects are deleted after a grace period, under keys made of the segment and the index
 * name; a CREATE INDEX of the same name writes the same keys, and its first objects are written
 * long before its manifest names them. The deletion therefore asks whether a build of that name
 * started since the drop (then the old objects are being overwritten anyway) instead of only
 * whether the manifest names the index again: a build still running at the end of the grace
 * period lost its IVF files that way, and its segment fell back to loading the whole graph.
 * (A build on another server of the same bucket is not seen here.)
 */
final class IndexBuilds {

  private final ConcurrentHashMap<String, Long> started = new ConcurrentHashMap<>();

  /** Counts a build of {@code name} on the table starting now. */
  void starting(String tableId, String name) {
    started.merge(key(tableId, name), 1L, Long::sum);
  }

  /** Builds of {@code name} on the table started so far: compare two readings. */
  long startedSoFar(String tableId, String name) {
    return started.getOrDefault(key(tableId, name), 0L);
  }

  private static String key(String tableId, String name) {
    return tableId + '\u0000' + name;
  }
}
