package io.s3vector.sql.plan;

import io.s3vector.sql.exec.ExecContext;
import io.s3vector.sql.session.PgSession;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.StagedWrite;
import io.s3vector.storage.table.UniqueViolationException;
import io.s3vector.storage.table.WriteConflictException;
import java.util.function.Predicate;

/**
 * A statement outside a transaction block writes through a {@link StagedWrite} of its own,
 * committed at its end. When the commit finds another writer's commit in its way (a row it deletes
 * deleted meanwhile, a key it looked up taken meanwhile), nothing of it took effect and the
 * statement runs again on the newest version, as PostgreSQL's READ COMMITTED re-checks a row
 * another transaction changed.
 */
final class OwnWrite {
  /**
   * Runs before the conflict is reported. PostgreSQL's READ COMMITTED never reports one (the
   * writer waits for the row lock), so the bound is only there against a livelock: clients
   * upserting one hot key all at once lose to each other at every commit of a group, and 20
   * attempts were spent in a few milliseconds.
   */
  static final int ATTEMPTS = 200;

  /** The statement's work: reads through {@code ctx}, stages into {@code write}. */
  interface Body<T> {
    T run(ExecContext ctx, StagedWrite write);
  }

  private OwnWrite() {}

  /** Runs {@code body} and commits, again while {@code retry} accepts the commit's failure. */
  static <T> T run(PgSession session, Object[] parameters, Body<T> body,
      Predicate<StorageException> retry) {
    for (int attempt = 1; ; attempt++) {
      ExecContext ctx = new ExecContext(session, parameters);
      try (StagedWrite write = session.database().beginWrite()) {
        T result = body.run(ctx, write);
        write.commit();
        return result;
      } catch (WriteConflictException | UniqueViolationException e) {
        if (attempt >= ATTEMPTS || !retry.test(e)) {
          throw e;
        }
        if (!backOff(attempt)) {
          throw e;
        }
      }
    }
  }

  /**
   * After a few immediate retries, waits a random while that grows with the attempts (up to
   * 20 ms), so that writers colliding on one row stop landing in the same group commit. False
   * when interrupted.
   */
  private static boolean backOff(int attempt) {
    if (attempt < 3) {
      return true;
    }
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(Math.min(20, attempt) + 1));
      return true;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
