package io.s3vector.sql.copy;

import io.s3vector.sql.types.PgType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PostgreSQL's csv format out. A value is quoted only when it must be: it contains the
 * delimiter, the quote, CR or LF, or it equals the NULL string (so the empty string is {@code ""}
 * by default and reads back as an empty string, not NULL), or it is {@code \.} alone on its
 * line; FORCE_QUOTE quotes a column's non-NULL values always. Inside quotes the quote and the
 * escape character are preceded by the escape character. NULL is the NULL string, unquoted.
 */
final class CopyCsvWriter implements CopyRowWriter {
  private static final byte[] END_MARKER = {'\\', '.'};

  private final PgType[] types;
  private final boolean[] forceQuote;
  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final byte[] nullBytes;

  CopyCsvWriter(CopyOptions options, PgType[] types, boolean[] forceQuote) {
    this.types = types;
    this.forceQuote = forceQuote;
    this.delimiter = (byte) options.delimiter();
    this.quote = (byte) options.quote();
    this.escape = (byte) options.escape();
    this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void header(List<String> names, CopyOutBuffer out) {
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.write(delimiter);
      }
      field(names.get(i).getBytes(StandardCharsets.UTF_8), false, names.size() == 1, out);
    }
    out.write('\n');
  }

  @Override
  public void row(Object[] row, CopyOutBuffer out) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        out.write(delimiter);
      }
      if (row[i] == null) {
        out.write(nullBytes);
      } else {
        byte[] value = types[i].encodeText(row[i]).getBytes(StandardCharsets.UTF_8);
        field(value, forceQuote[i], row.length == 1, out);
      }
    }
    out.write('\n');
  }

  private void field(byte[] b, boolean forced, boolean onlyColumn, CopyOutBuffer out) {
    if (!(forced || needsQuotes(b, onlyColumn))) {
      out.write(b);
      return;
    }
    out.write(quote);
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == quote || b[i] == escape) {
        out.write(b, start, i - start);
        out.write(escape);
        start = i;
      }
    }
    out.write(b, start, b.length - start);
    out.write(quote);
  }

  private boolean needsQuotes(byte[] b, boolean onlyColumn) {
    if (java.util.Arrays.equals(b, nullBytes)) {
      return true;
    }
    // a line holding only \. would read back as the end of the data
    if (onlyColumn && java.util.Arrays.equals(b, END_MARKER)) {
      return true;
    }
    for (byte c : b) {
      if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
