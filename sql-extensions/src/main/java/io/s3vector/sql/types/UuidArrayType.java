package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code uuid[]} ({@code _uuid}, OID 2951), one-dimensional; values are {@code Object[]} of
 * canonical uuid strings or nulls. Text {@code {a0ee...,NULL}}; binary the array header (ndim,
 * has-nulls flag, element OID 2950, length, lower bound 1) and each element as length + 16 bytes.
 */
public final class UuidArrayType extends PgType {
  public static final UuidArrayType INSTANCE = new UuidArrayType();

  private UuidArrayType() {
    super(TypeDescription.base(2951, "_uuid", -1).category('A').elem(2950)
        .io("array_in", "array_out", "array_recv", "array_send").display("uuid[]"));
  }

  @Override
  public String encodeText(Object value) {
    Object[] v = (Object[]) value;
    StringBuilder out = new StringBuilder(v.length * 37 + 2).append('{');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(v[i] == null ? "NULL" : v[i].toString());
    }
    return out.append('}').toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    Object[] v = (Object[]) value;
    boolean nulls = false;
    for (Object o : v) {
      nulls |= o == null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(20 + 20 * v.length);
    ByteBuffer head = ByteBuffer.allocate(v.length == 0 ? 12 : 20);
    head.putInt(v.length == 0 ? 0 : 1).putInt(nulls ? 1 : 0).putInt(UuidType.INSTANCE.oid());
    if (v.length > 0) {
      head.putInt(v.length).putInt(1);
    }
    out.writeBytes(head.array());
    for (Object o : v) {
      if (o == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        out.writeBytes(ByteBuffer.allocate(4).putInt(16).array());
        out.writeBytes(UuidType.INSTANCE.encodeBinary(o));
      }
    }
    return out.toByteArray();
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
      return new Object[0];
    }
    List<Object> items = new ArrayList<>();
    for (String part : body.split(",", -1)) {
      String p = part.trim();
      if (p.equalsIgnoreCase("null")) {
        items.add(null);
        continue;
      }
      if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
        p = p.substring(1, p.length() - 1);
      }
      items.add(UuidType.parse(p));
    }
    return items.toArray();
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int ndim = buf.getInt();
    buf.getInt(); // has nulls
    buf.getInt(); // element type
    if (ndim == 0) {
      return new Object[0];
    }
    if (ndim != 1) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          "multidimensional arrays are not supported yet");
    }
    int n = buf.getInt();
    buf.getInt(); // lower bound
    Object[] v = new Object[n];
    for (int i = 0; i < n; i++) {
      int len = buf.getInt();
      if (len < 0) {
        continue;
      }
      byte[] raw = new byte[len];
      buf.get(raw);
      v[i] = UuidType.INSTANCE.decodeBinary(raw);
    }
    return v;
  }
}
