package io.s3vector.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.storage.StorageException;
import io.s3vector.storage.table.SnapshotTooOldException;
import org.junit.jupiter.api.Test;

/** Storage failures as the client sees them: PostgreSQL's SQLSTATE and message. */
class StorageErrorTranslationTest {

  @Test
  void aViewOlderThanTheGraceIsSnapshotTooOld() {
    PgException e = PgSession.translate(new SnapshotTooOldException("the snapshot of table \"t\" is old"));
    assertEquals("72000", e.sqlState());
    assertEquals(SqlState.SNAPSHOT_TOO_OLD, e.sqlState());
    assertEquals("snapshot too old", e.getMessage());
    assertEquals("the snapshot of table \"t\" is old", e.detail());
  }

  @Test
  void otherStorageFailuresAreIoErrors() {
    PgException e = PgSession.translate(new StorageException("could not read object \"x\""));
    assertEquals(SqlState.IO_ERROR, e.sqlState());
    assertEquals("could not read object \"x\"", e.getMessage());
  }
}
