package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;

/**
 * {@code record} (OID 2249): an anonymous row, such as a set-returning function's row of several
 * columns. Printed as PostgreSQL's record_out: {@code (7,1)}, a NULL field empty, a field
 * containing a delimiter, quote, backslash or space, or empty, in double quotes. Output only.
 */
public final class RecordType extends PgType {
  public static final RecordType INSTANCE = new RecordType();

  private RecordType() {
    super(2249, "record", -1);
  }

  @Override
  public String encodeText(Object value) {
    Object[] fields = (Object[]) value;
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (fields[i] == null) {
        continue;
      }
      String text = fields[i].toString();
      boolean quote = text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '(' || c == ')'
          || c == '"' || c == '\\' || Character.isWhitespace(c));
      if (!quote) {
        out.append(text);
        continue;
      }
      out.append('"');
      for (char c : text.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append(c);
        }
        out.append(c);
      }
      out.append('"');
    }
    return out.append(')').toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "binary output of type record is not supported");
  }

  @Override
  public boolean supportsBinary() {
    return false;
  }

  @Override
  public Object decodeText(String text) {
    throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "input of anonymous composite types is not implemented");
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return decodeText(null);
  }
}
