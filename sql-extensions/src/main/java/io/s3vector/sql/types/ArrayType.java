package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one-dimensional array of an element type ({@code integer[]}, {@code text[]}, {@code oid[]},
 * ...), as PostgreSQL's array_out/array_in and array_send/array_recv write and read it; what
 * pg_type says of it comes from its element's description. Values are {@code Object[]} of
 * the element's values (null for NULL). The catalogs' array columns ({@code reloptions}, {@code
 * conkey}, {@code indkey}, {@code proargtypes}) travel as these.
 */
public final class ArrayType extends PgType {
  private final PgType element;

  ArrayType(int oid, PgType element) {
    super(describe(oid, element.description()));
    this.element = element;
  }

  /** What pg_type says of an array type: derived from its element's description. */
  private static TypeDescription.Builder describe(int oid, TypeDescription e) {
    return TypeDescription.base(oid, "_" + e.name(), -1).namespace(e.namespace())
        .category('A').elem(e.oid()).io("array_in", "array_out", "array_recv", "array_send")
        .typmod(e.modIn(), e.modOut()).align(e.align() == 'd' ? 'd' : 'i')
        .collation(e.collation()).display(e.displayName() + "[]");
  }

  public PgType element() {
    return element;
  }

  @Override
  public String encodeText(Object value) {
    Object[] v = (Object[]) value;
    StringBuilder out = new StringBuilder().append('{');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(v[i] == null ? "NULL" : quote(element.encodeText(v[i])));
    }
    return out.append('}').toString();
  }

  /** array_out's quoting: an element that would not read back alone is double-quoted. */
  private static String quote(String s) {
    boolean needs = s.isEmpty() || s.equalsIgnoreCase("NULL");
    for (int i = 0; !needs && i < s.length(); i++) {
      char c = s.charAt(i);
      needs = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
    }
    if (!needs) {
      return s;
    }
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Override
  public byte[] encodeBinary(Object value) {
    Object[] v = (Object[]) value;
    boolean nulls = false;
    for (Object o : v) {
      nulls |= o == null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer head = ByteBuffer.allocate(v.length == 0 ? 12 : 20);
    head.putInt(v.length == 0 ? 0 : 1).putInt(nulls ? 1 : 0).putInt(element.oid());
    if (v.length > 0) {
      head.putInt(v.length).putInt(1);
    }
    out.writeBytes(head.array());
    for (Object o : v) {
      if (o == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        byte[] item = element.encodeBinary(o);
        out.writeBytes(ByteBuffer.allocate(4).putInt(item.length).array());
        out.writeBytes(item);
      }
    }
    return out.toByteArray();
  }

  @Override
  public Object decodeText(String text) {
    String t = text.trim();
    if (!t.startsWith("{") || !t.endsWith("}")) {
      throw malformed(text, "Array value must start with \"{\" or dimension information.");
    }
    List<Object> items = new ArrayList<>();
    int i = 1;
    int end = t.length() - 1;
    while (i < end) {
      while (i < end && Character.isWhitespace(t.charAt(i))) {
        i++;
      }
      if (i == end) {
        break;
      }
      StringBuilder item = new StringBuilder();
      boolean quoted = false;
      if (t.charAt(i) == '"') {
        quoted = true;
        i++;
        while (i < end && t.charAt(i) != '"') {
          if (t.charAt(i) == '\\' && i + 1 < end) {
            i++;
          }
          item.append(t.charAt(i++));
        }
        if (i >= end) {
          throw malformed(text, "Unexpected end of input.");
        }
        i++;
      } else {
        while (i < end && t.charAt(i) != ',') {
          char c = t.charAt(i);
          if (c == '{' || c == '}' || c == '"') {
            throw malformed(text, "Unexpected \"" + c + "\" character.");
          }
          item.append(c);
          i++;
        }
      }
      String s = quoted ? item.toString() : item.toString().trim();
      items.add(!quoted && s.toUpperCase(Locale.ROOT).equals("NULL") ? null : element.decodeText(s));
      while (i < end && Character.isWhitespace(t.charAt(i))) {
        i++;
      }
      if (i < end) {
        if (t.charAt(i) != ',') {
          throw malformed(text, "Unexpected array element.");
        }
        i++;
      }
    }
    return items.toArray();
  }

  private static PgException malformed(String text, String detail) {
    return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
        "malformed array literal: \"" + text + "\"", detail, null, 0, null);
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
      v[i] = element.decodeBinary(raw);
    }
    return v;
  }

  @Override
  public boolean supportsBinary() {
    return element.supportsBinary();
  }
}
