package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import java.util.HashMap;
import java.util.Map;

/**
 * What a session's currval() and lastval() read: the last value nextval() returned in this
 * session per sequence (an INSERT that numbered a serial column counts, as its DEFAULT nextval
 * does in PostgreSQL), and which sequence that was last.
 */
public final class SessionSequences {
  /** PostgreSQL's object_not_in_prerequisite_state. */
  private static final String NOT_YET_DEFINED = "55000";

  /** By sequence: the last value (keyed by {@link #key}, cheaper than its OID on every INSERT). */
  private final Map<String, Long> last = new HashMap<>();
  private String lastKey;

  /** The key of the sequence of a table's serial column. */
  public static String key(io.s3vector.storage.table.Table table, String column) {
    return table.id() + '\0' + column;
  }

  /** nextval() of the sequence {@code key} returned {@code value} (or setval set it, called). */
  public void record(String key, long value) {
    last.put(key, value);
    lastKey = key;
  }

  /** currval(): the last value of that sequence in this session, or PostgreSQL's 55000. */
  public long currval(String key, String sequenceName) {
    Long value = last.get(key);
    if (value == null) {
      throw new PgException(NOT_YET_DEFINED,
          "currval of sequence \"" + sequenceName + "\" is not yet defined in this session");
    }
    return value;
  }

  /** lastval(): the last value nextval() returned in this session, of any sequence. */
  public long lastval() {
    Long value = lastKey == null ? null : last.get(lastKey);
    if (value == null) {
      throw new PgException(NOT_YET_DEFINED, "lastval is not yet defined in this session");
    }
    return value;
  }

  /** DISCARD SEQUENCES, DISCARD ALL. */
  public void clear() {
    last.clear();
    lastKey = null;
  }
}
