package io.s3vector.sql.functions;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.storage.table.Database;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * PostgreSQL's advisory locks ({@code pg_advisory_lock}, {@code pg_advisory_xact_lock}, their
 * {@code try_} and {@code _shared} forms, {@code pg_advisory_unlock[_all]}) across the sessions
 * of one server: a key held exclusively by one session makes the others wait (or the try forms
 * return false). As in PostgreSQL a session may take a key again (each lock is released once),
 * session-level locks last until unlocked or the session ends, and transaction-level ones until
 * its transaction ends. Servers sharing one store do not see each other's locks.
 *
 * <p>One lock space per {@link Database} (a server serves one): sessions find it by their
 * database, so no new wiring is needed between the engine and its sessions.
 */
public final class AdvisoryLocks {
  private static final Map<Database, AdvisoryLocks> SPACES = new WeakHashMap<>();

  /** A lock key: one bigint, or two int4s (a different key space, as in PostgreSQL). */
  public record Key(long a, long b, boolean pair) {}

  /** What one session holds of one key. */
  private static final class Hold {
    int sessionExclusive;
    int xactExclusive;
    int sessionShared;
    int xactShared;

    boolean exclusive() {
      return sessionExclusive + xactExclusive > 0;
    }

    boolean empty() {
      return sessionExclusive + xactExclusive + sessionShared + xactShared == 0;
    }
  }

  /** Holders by key, then by session (any object identifying a session). */
  private final Map<Key, Map<Object, Hold>> held = new HashMap<>();

  /** The lock space of the server serving this database. */
  public static synchronized AdvisoryLocks of(Database database) {
    return SPACES.computeIfAbsent(database, d -> new AdvisoryLocks());
  }

  /**
   * Takes the lock, waiting while another session holds it in a conflicting mode (or returns
   * false at once when {@code tryOnly}).
   */
  public synchronized boolean lock(Object session, Key key, boolean shared, boolean xact,
      boolean tryOnly) {
    while (conflicts(session, key, shared)) {
      if (tryOnly) {
        return false;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PgException("57014", "canceling statement due to user request");
      }
    }
    Hold h = held.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(session, s -> new Hold());
    if (shared) {
      if (xact) {
        h.xactShared++;
      } else {
        h.sessionShared++;
      }
    } else if (xact) {
      h.xactExclusive++;
    } else {
      h.sessionExclusive++;
    }
    return true;
  }

  private boolean conflicts(Object session, Key key, boolean shared) {
    Map<Object, Hold> holders = held.get(key);
    if (holders == null) {
      return false;
    }
    for (Map.Entry<Object, Hold> e : holders.entrySet()) {
      if (e.getKey() != session && (!shared || e.getValue().exclusive())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Releases one session-level lock; false (with PostgreSQL's warning to the session) when it
   * holds none of that mode.
   */
  public synchronized boolean unlock(Object session, Key key, boolean shared,
      java.util.function.Consumer<Notice> warn) {
    Map<Object, Hold> holders = held.get(key);
    Hold h = holders == null ? null : holders.get(session);
    if (h == null || (shared ? h.sessionShared : h.sessionExclusive) == 0) {
      warn.accept(Notice.warning("01000", "you don't own a lock of type "
          + (shared ? "ShareLock" : "ExclusiveLock")));
      return false;
    }
    if (shared) {
      h.sessionShared--;
    } else {
      h.sessionExclusive--;
    }
    forget(key, holders, session, h);
    notifyAll();
    return true;
  }

  /** pg_advisory_unlock_all, and a session's end: its session-level locks (and any left). */
  public synchronized void releaseSession(Object session, boolean all) {
    release(session, all, true);
  }

  /** The end of a transaction: its transaction-level locks. */
  public synchronized void releaseTransaction(Object session) {
    release(session, false, false);
  }

  private void release(Object session, boolean all, boolean sessionLevel) {
    boolean changed = false;
    for (Iterator<Map.Entry<Key, Map<Object, Hold>>> it = held.entrySet().iterator(); it.hasNext(); ) {
      Map<Object, Hold> holders = it.next().getValue();
      Hold h = holders.get(session);
      if (h == null) {
        continue;
      }
      changed = true;
      if (sessionLevel || all) {
        h.sessionExclusive = 0;
        h.sessionShared = 0;
      }
      if (!sessionLevel || all) {
        h.xactExclusive = 0;
        h.xactShared = 0;
      }
      if (h.empty()) {
        holders.remove(session);
      }
      if (holders.isEmpty()) {
        it.remove();
      }
    }
    if (changed) {
      notifyAll();
    }
  }

  private void forget(Key key, Map<Object, Hold> holders, Object session, Hold h) {
    if (h.empty()) {
      holders.remove(session);
      if (holders.isEmpty()) {
        held.remove(key);
      }
    }
  }
}
