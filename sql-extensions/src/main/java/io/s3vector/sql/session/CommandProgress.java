package io.s3vector.sql.session;

import io.s3vector.storage.index.BuildProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long commands running on this server, for {@code pg_stat_progress_create_index} and {@code
 * pg_stat_progress_copy}: a session adds an entry when a CREATE INDEX or COPY starts and removes it
 * when it ends; a query of the views in any session reads the entries' counters as they are then.
 * The counters are updated by the running command a batch at a time (COPY: once per CopyData
 * message; CREATE INDEX: by the graph builders every {@link BuildProgress#STEP} nodes), never under
 * a lock.
 */
public final class CommandProgress {
  private final Set<Entry> running = ConcurrentHashMap.newKeySet();

  /** What every progress view shows of the command's session. */
  public abstract static sealed class Entry permits CreateIndex, Copy {
    private final CommandProgress owner;
    private final PgSession session;
    private final int pid;
    private final String datname;
    private final String table;

    Entry(CommandProgress owner, PgSession session, String table) {
      this.owner = owner;
      this.session = session;
      this.pid = session.processId();
      this.datname = session.databaseName();
      this.table = table;
    }

    public int pid() {
      return pid;
    }

    public String datname() {
      return datname;
    }

    public String table() {
      return table;
    }

    /** The command ended (however): it leaves the views. */
    public void end() {
      owner.running.remove(this);
    }
  }

  /** A CREATE INDEX: its storage build's counts. */
  public static final class CreateIndex extends Entry {
    private final BuildProgress build = new BuildProgress();

    CreateIndex(CommandProgress owner, PgSession session, String table) {
      super(owner, session, table);
    }

    public BuildProgress build() {
      return build;
    }

    /**
     * PostgreSQL's phase names, with pgvector's HNSW sub-phase ("loading tuples"); the manifest
     * commit that makes the index visible, which PostgreSQL does not have, is "committing".
     */
    public String phase() {
      return switch (build.phase()) {
        case INITIALIZING -> "initializing";
        case BUILDING -> "building index: loading tuples";
        case COMMITTING -> "building index: committing";
      };
    }
  }

  /** A COPY FROM STDIN: bytes received and rows parsed so far. */
  public static final class Copy extends Entry {
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong tuples = new AtomicLong();

    Copy(CommandProgress owner, PgSession session, String table) {
      super(owner, session, table);
    }

    /** One CopyData message: its size and the rows it completed. */
    public void add(long messageBytes, long rows) {
      bytes.addAndGet(messageBytes);
      if (rows > 0) {
        tuples.addAndGet(rows);
      }
    }

    public long bytesProcessed() {
      return bytes.get();
    }

    public long tuplesProcessed() {
      return tuples.get();
    }
  }

  public CreateIndex startCreateIndex(PgSession session, String table) {
    CreateIndex entry = new CreateIndex(this, session, table);
    running.add(entry);
    return entry;
  }

  public Copy startCopy(PgSession session, String table) {
    Copy entry = new Copy(this, session, table);
    running.add(entry);
    return entry;
  }

  /** The running commands of one kind, oldest session first. */
  public <T extends Entry> List<T> running(Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (Entry e : running) {
      if (kind.isInstance(e)) {
        out.add(kind.cast(e));
      }
    }
    out.sort((a, b) -> Integer.compare(a.pid(), b.pid()));
    return out;
  }

  /** Removes what a closing session left (a COPY cut off by the connection's end). */
  void endAll(PgSession session) {
    running.removeIf(e -> e.session == session);
  }
}
