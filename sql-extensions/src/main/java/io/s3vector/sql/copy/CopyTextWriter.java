package io.s3vector.sql.copy;

import io.s3vector.sql.types.PgType;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * PostgreSQL's text format out: values in their types' text form separated by the delimiter,
 * NULL as the NULL string (written as it is), each line ended by {@code \n}. Backslash, the
 * delimiter and the control characters {@code \b \f \n \r \t \v} are backslash-escaped, so COPY
 * FROM reads the same values back; other bytes, UTF-8 included, are written unchanged.
 */
final class CopyTextWriter implements CopyRowWriter {
  private final PgType[] types;
  private final byte delimiter;
  private final byte[] nullBytes;

  CopyTextWriter(CopyOptions options, PgType[] types) {
    this.types = types;
    this.delimiter = (byte) options.delimiter();
    this.nullBytes = options.nullString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void header(List<String> names, CopyOutBuffer out) {
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.write(delimiter);
      }
      field(names.get(i), out);
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
        field(types[i].encodeText(row[i]), out);
      }
    }
    out.write('\n');
  }

  private void field(String value, CopyOutBuffer out) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      byte c = b[i];
      // bytes of multi-byte UTF-8 characters are >= 0x80 and never need escaping
      if (c >= 0x20 && c != '\\' && c != delimiter) {
        continue;
      }
      byte escape = switch (c) {
        case '\b' -> 'b';
        case '\f' -> 'f';
        case '\n' -> 'n';
        case '\r' -> 'r';
        case '\t' -> 't';
        case 0x0b -> 'v';
        default -> c == '\\' || c == delimiter ? c : 0;
      };
      if (escape == 0) {
        continue; // another control character: written as it is, as PostgreSQL does
      }
      out.write(b, start, i - start);
      out.write('\\');
      out.write(escape);
      start = i + 1;
    }
    out.write(b, start, b.length - start);
  }
}
