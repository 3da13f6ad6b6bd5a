package io.s3vector.storage.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out at start whether a store really refuses to overwrite in {@link
 * ObjectStore#putIfAbsent}. Several servers may share a store only if it does: commits race on
 * the next manifest version, and a store that lets the second write replace the first (an
 * S3-compatible server ignoring {@code If-None-Match: *}) silently loses a commit.
 */
public final class ConditionalWriteProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ConditionalWriteProbe.class);
  /** Probe objects live here, apart from tables (whose folders never start with '_'). */
  public static final String PREFIX = "_probe/";

  private ConditionalWriteProbe() {}

  /**
   * Writes {@code _probe/<uuid>} twice with putIfAbsent, with different bytes; true when the first
   * write succeeds and the second is refused. The probe object is deleted afterwards.
   */
  public static boolean honoursConditionalWrites(ObjectStore store) {
    String key = PREFIX + UUID.randomUUID();
    try {
      boolean first = store.putIfAbsent(key, "first".getBytes(StandardCharsets.UTF_8));
      boolean second = store.putIfAbsent(key, "second".getBytes(StandardCharsets.UTF_8));
      boolean honoured = first && !second;
      if (honoured) {
        LOG.info("{} honours conditional writes (If-None-Match: *): several servers may share it", store);
      } else {
        LOG.info("{} does not honour conditional writes: a second putIfAbsent of {} {}", store, key,
            second ? "overwrote the first" : "was refused although the first was too");
      }
      return honoured;
    } finally {
      store.delete(key);
    }
  }
}
