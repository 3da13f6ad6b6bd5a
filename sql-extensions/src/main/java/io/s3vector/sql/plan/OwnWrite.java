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
  /** Runs before the conflict is reported. */
  static final int ATTEMPTS = 20;

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
      }
    }
  }
}
