package io.s3vector.server.session;

import io.s3vector.sql.session.PreparedStatements;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.types.PgType;
import java.util.List;

/**
 * A prepared statement bound to parameter values and result formats (Bind), run by one or more
 * Execute messages. The statement runs at the first Execute; a row limit leaves the cursor open
 * (PortalSuspended) and the next Execute resumes it.
 */
final class Portal {
  private final String name;
  private final PreparedStatements.Named statement;
  private final Object[] parameters;
  private short[] resultFormats;
  private PgType[] resultTypes;

  /** The open result while the portal is suspended between Execute messages. */
  private RowCursor cursor;

  private String tagPrefix;
  private String completedTag;
  private boolean started;

  Portal(String name, PreparedStatements.Named statement, Object[] parameters, short[] resultFormats) {
    this.name = name;
    this.statement = statement;
    this.parameters = parameters;
    this.resultFormats = resultFormats;
    List<ResultColumn> columns = statement.resultColumns();
    this.resultTypes = new PgType[columns.size()];
    for (int i = 0; i < resultTypes.length; i++) {
      resultTypes[i] = columns.get(i).type();
    }
  }

  String name() {
    return name;
  }

  PreparedStatements.Named statement() {
    return statement;
  }

  Object[] parameters() {
    return parameters;
  }

  /** One resolved format code per result column. */
  short[] resultFormats() {
    return resultFormats;
  }

  PgType[] resultTypes() {
    return resultTypes;
  }

  boolean started() {
    return started;
  }

  /** Records what the first Execute produced. */
  void start(QueryResult result) {
    started = true;
    switch (result) {
      case QueryResult.Rows rows -> {
        cursor = rows.cursor();
        tagPrefix = rows.tagPrefix();
        if (resultTypes.length == 0 && !rows.columns().isEmpty()) {
          // the plan did not know its columns at Parse; send them as text
          List<ResultColumn> columns = rows.columns();
          resultTypes = new PgType[columns.size()];
          for (int i = 0; i < resultTypes.length; i++) {
            resultTypes[i] = columns.get(i).type();
          }
          resultFormats = new short[columns.size()];
        }
      }
      case QueryResult.Command command -> completedTag = command.tag();
      case QueryResult.Copy copy -> completedTag = "COPY";
      case QueryResult.Empty empty -> completedTag = null;
    }
  }

  /** The open cursor, or null when the portal ran to completion (or produced no rows). */
  RowCursor cursor() {
    return cursor;
  }

  String tagPrefix() {
    return tagPrefix;
  }

  /** The tag of a command portal that has run. */
  String completedTag() {
    return completedTag;
  }

  /** Releases the cursor; called when the rows are exhausted and when the portal is dropped. */
  void close() {
    if (cursor != null) {
      RowCursor c = cursor;
      cursor = null;
      c.close();
    }
  }
}
