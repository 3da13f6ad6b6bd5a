package io.s3vector.sql;

import java.util.List;

/** What executing one statement produced. */
public sealed interface QueryResult {

  /**
   * Rows to send. The command tag is {@code tagPrefix + " " + rowsSent}, e.g. "SELECT 3", or
   * "INSERT 0 3" for INSERT ... RETURNING (tagPrefix "INSERT 0").
   */
  record Rows(List<ResultColumn> columns, RowCursor cursor, String tagPrefix)
      implements QueryResult {}

  /** A statement without rows, e.g. "CREATE TABLE", "INSERT 0 2", "SET". */
  record Command(String tag) implements QueryResult {}

  /** {@code COPY ... TO STDOUT}: the copy-out sub-protocol sends the data, then "COPY n". */
  record Copy(CopyOut out) implements QueryResult {}

  /** An empty statement (EmptyQueryResponse). */
  record Empty() implements QueryResult {}
}
