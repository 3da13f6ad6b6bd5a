package io.s3vector.sql.copy;

import io.s3vector.sql.CopyOut;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.session.PgSession;
import java.util.List;

/**
 * One COPY TO STDOUT: pulls the query's rows one at a time and makes one CopyData payload per
 * row, as PostgreSQL does (the server writes each to the client with its usual backpressure, so
 * memory stays flat whatever the table's size). Text and csv send the HEADER line as a payload
 * of its own; binary puts the file header in front of the first row (or of the trailer when there
 * are no rows) and sends the trailer as the last payload.
 */
final class CopyToRun implements CopyOut {
  private final RowCursor cursor;
  private final CopyRowWriter writer;
  private final CopyOptions options;
  private final List<String> names;
  private final CopyOutBuffer buffer = new CopyOutBuffer();
  private boolean started;
  private boolean exhausted;
  /** The buffer holds binary's file header, to go out with the next payload. */
  private boolean prefixPending;
  private long rows;

  CopyToRun(RowCursor cursor, CopyRowWriter writer, CopyOptions options, List<String> names) {
    this.cursor = cursor;
    this.writer = writer;
    this.options = options;
    this.names = names;
  }

  @Override
  public int format() {
    return binary() ? 1 : 0;
  }

  @Override
  public int columnCount() {
    return names.size();
  }

  @Override
  public boolean next() {
    try {
      return advance();
    } catch (RuntimeException e) {
      throw PgSession.translate(e);
    }
  }

  private boolean advance() {
    if (!started) {
      started = true;
      buffer.reset();
      if (binary()) {
        CopyBinaryWriter.signature(buffer);
        prefixPending = true;
      } else if (options.header()) {
        writer.header(names, buffer);
        return true;
      }
    }
    if (exhausted) {
      return false;
    }
    Object[] row = cursor.next();
    if (!prefixPending) {
      buffer.reset();
    }
    prefixPending = false;
    if (row != null) {
      writer.row(row, buffer);
      rows++;
      return true;
    }
    exhausted = true;
    if (binary()) {
      CopyBinaryWriter.trailer(buffer);
      return true;
    }
    return false;
  }

  private boolean binary() {
    return options.format() == CopyOptions.Format.BINARY;
  }

  @Override
  public byte[] bytes() {
    return buffer.bytes();
  }

  @Override
  public int length() {
    return buffer.length();
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() {
    cursor.close();
  }
}
