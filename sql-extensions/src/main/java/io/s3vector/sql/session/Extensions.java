package io.s3vector.sql.session;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.storage.table.Database;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which databases have run {@code CREATE EXTENSION vector}. pgvector is built in, so the types and
 * operators work without it; what this keeps is PostgreSQL's answer to running it again: 42710
 * {@code extension "vector" already exists}, or with IF NOT EXISTS a notice. The mark lives as long
 * as the server's database is open (a restarted server takes one more CREATE EXTENSION vector).
 */
final class Extensions {
  private static final Map<Database, Boolean> CREATED = Collections.synchronizedMap(new WeakHashMap<>());

  private Extensions() {}

  /** CREATE EXTENSION [IF NOT EXISTS] name, for an extension we have. */
  static void create(PgSession session, String name, boolean ifNotExists) {
    if (CREATED.putIfAbsent(session.database(), Boolean.TRUE) == null) {
      return;
    }
    if (!ifNotExists) {
      throw new PgException(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
    }
    session.notice(Notice.notice(SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists, skipping"));
  }
}
