package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code float4[]} ({@code _float4}), one-dimensional without NULLs: text {@code {1,2.5,3}},
 * binary the array header (ndim 1, no nulls, element OID 700, length, lower bound 1) and each
 * element as length 4 + float4.
 */
public final class Float4ArrayType extends PgType {
  public static final Float4ArrayType INSTANCE = new Float4ArrayType();

  private Float4ArrayType() {
    super(TypeDescription.base(1021, "_float4", -1).category('A').elem(700)
        .io("array_in", "array_out", "array_recv", "array_send").display("real[]"));
  }

  @Override
  public String encodeText(Object value) {
    float[] v = (float[]) value;
    StringBuilder out = new StringBuilder(v.length * 8 + 2).append('{');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(FloatText.float4(v[i]));
    }
    return out.append('}').toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    float[] v = (float[]) value;
    ByteBuffer buf = ByteBuffer.allocate(20 + 8 * v.length);
    buf.putInt(1).putInt(0).putInt(700).putInt(v.length).putInt(1);
    for (float f : v) {
      buf.putInt(4).putFloat(f);
    }
    return buf.array();
  }

  @Override
  public Object decodeText(String text) {
    String t = text.trim();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw new PgException(
          SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"");
    }
    String body = t.substring(1, t.length() - 1).trim();
    if (body.isEmpty()) {
      return new float[0];
    }
    String[] parts = body.split(",");
    float[] v = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].trim().equalsIgnoreCase("null")) {
        throw new PgException(SqlState.DATA_EXCEPTION, "array must not contain nulls");
      }
      v[i] = (float) FloatParsing.parse(parts[i], "real");
    }
    return v;
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int ndim = buf.getInt();
    int hasNull = buf.getInt();
    buf.getInt(); // element type
    if (ndim == 0) {
      return new float[0];
    }
    if (ndim != 1) {
      throw new PgException(SqlState.DATA_EXCEPTION, "array must be 1-D");
    }
    int n = buf.getInt();
    buf.getInt(); // lower bound
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      int len = buf.getInt();
      if (len < 0 || hasNull != 0 && len == -1) {
        throw new PgException(SqlState.DATA_EXCEPTION, "array must not contain nulls");
      }
      v[i] = buf.getFloat();
    }
    return Arrays.copyOf(v, n);
  }
}
