package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-dimensional PostgreSQL array of {@link #element()} ({@code _int4}, {@code _text}, ...):
 * values are {@code Object[]} of the element's Java values or nulls, lower bound 1.
 *
 * <p>Text form as PostgreSQL's array_out: {@code {1,2,NULL}}, an element in double quotes when it
 * is empty, is {@code NULL} (any case), or holds a brace, comma, quote, backslash or white space,
 * with {@code "} and {@code \} escaped by a backslash. Binary form: ndim, has-nulls flag, element
 * OID, then per dimension its length and lower bound, then each element as length + bytes (-1
 * for NULL). Multidimensional arrays are 0A000. What pg_type says of it is derived from its
 * element's description.
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
  public boolean supportsBinary() {
    return element.supportsBinary();
  }

  @Override
  public String encodeText(Object value) {
    Object[] v = (Object[]) value;
    StringBuilder out = new StringBuilder(v.length * 8 + 2).append('{');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      if (v[i] == null) {
        out.append("NULL");
      } else {
        quote(element.encodeText(v[i]), out);
      }
    }
    return out.append('}').toString();
  }

  private static void quote(String s, StringBuilder out) {
    boolean needs = s.isEmpty() || s.equalsIgnoreCase("null");
    for (int i = 0; i < s.length() && !needs; i++) {
      char c = s.charAt(i);
      needs = c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c);
    }
    if (!needs) {
      out.append(s);
      return;
    }
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return encodeBinary((Object[]) value, element, 1);
  }

  /** array_send of one dimension starting at {@code lowerBound} (0 for int2vector, oidvector). */
  static byte[] encodeBinary(Object[] v, PgType element, int lowerBound) {
    boolean nulls = false;
    for (Object o : v) {
      nulls |= o == null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(20 + 8 * v.length);
    ByteBuffer head = ByteBuffer.allocate(v.length == 0 ? 12 : 20);
    head.putInt(v.length == 0 ? 0 : 1).putInt(nulls ? 1 : 0).putInt(element.oid());
    if (v.length > 0) {
      head.putInt(v.length).putInt(lowerBound);
    }
    out.writeBytes(head.array());
    for (Object o : v) {
      if (o == null) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        byte[] b = element.encodeBinary(o);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
      }
    }
    return out.toByteArray();
  }

  @Override
  public Object decodeText(String text) {
    return new Reader(text).read();
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return decodeBinary(bytes, element);
  }

  /** array_recv of at most one dimension of {@code element}s, whatever its lower bound. */
  static Object[] decodeBinary(byte[] bytes, PgType element) {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    if (bytes.length < 12) {
      throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
    }
    int ndim = buf.getInt();
    buf.getInt(); // has nulls
    int elementOid = buf.getInt();
    if (ndim == 0) {
      return new Object[0];
    }
    if (ndim < 0 || ndim > 6) {
      throw new PgException(SqlState.INVALID_BINARY_REPRESENTATION,
          "invalid number of dimensions: " + ndim);
    }
    if (ndim != 1) {
      throw multidimensional();
    }
    if (elementOid != element.oid()) {
      throw new PgException(SqlState.DATATYPE_MISMATCH, "binary data has array element type "
          + elementOid + " (" + nameOf(elementOid) + ") instead of expected "
          + element.oid() + " (" + element.name() + ")");
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

  private static String nameOf(int oid) {
    PgType t = PgTypes.byOid(oid);
    return t == null ? "?" : t.name();
  }

  static PgException multidimensional() {
    return new PgException(SqlState.FEATURE_NOT_SUPPORTED,
        "multidimensional arrays are not supported");
  }

  /** PostgreSQL's array_in for one dimension (an optional {@code [1:n]=} decoration allowed). */
  private final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    Object read() {
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '[') {
        int eq = text.indexOf('=', pos);
        if (eq < 0) {
          throw malformed("Missing \"=\" after array dimensions.");
        }
        String dims = text.substring(pos, eq).trim();
        if (dims.indexOf('[', 1) >= 0) {
          throw multidimensional();
        }
        if (!dims.matches("\\[\\s*1\\s*:\\s*\\d+\\s*\\]")) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
              "arrays with a lower bound other than 1 are not supported");
        }
        pos = eq + 1;
        skipSpace();
      }
      if (pos >= text.length() || text.charAt(pos) != '{') {
        throw malformed("Array value must start with \"{\" or dimension information.");
      }
      pos++;
      List<Object> items = new ArrayList<>();
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '}') {
        pos++;
      } else {
        while (true) {
          skipSpace();
          if (pos < text.length() && text.charAt(pos) == '{') {
            throw multidimensional();
          }
          items.add(item());
          skipSpace();
          if (pos >= text.length()) {
            throw malformed("Unexpected end of input.");
          }
          char c = text.charAt(pos++);
          if (c == '}') {
            break;
          }
          if (c != ',') {
            throw malformed("Unexpected \"" + c + "\" character.");
          }
        }
      }
      skipSpace();
      if (pos < text.length()) {
        throw malformed("Junk after closing right brace.");
      }
      return items.toArray();
    }

    private Object item() {
      StringBuilder s = new StringBuilder();
      boolean quoted = false;
      if (pos < text.length() && text.charAt(pos) == '"') {
        quoted = true;
        pos++;
        while (true) {
          if (pos >= text.length()) {
            throw malformed("Unexpected end of input.");
          }
          char c = text.charAt(pos++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            if (pos >= text.length()) {
              throw malformed("Unexpected end of input.");
            }
            c = text.charAt(pos++);
          }
          s.append(c);
        }
      } else {
        int trailingSpace = 0;
        while (pos < text.length()) {
          char c = text.charAt(pos);
          if (c == ',' || c == '}') {
            break;
          }
          if (c == '{' || c == '"') {
            throw malformed("Unexpected \"" + c + "\" character.");
          }
          pos++;
          if (c == '\\') {
            if (pos >= text.length()) {
              throw malformed("Unexpected end of input.");
            }
            s.append(text.charAt(pos++));
            trailingSpace = 0;
            continue;
          }
          s.append(c);
          trailingSpace = Character.isWhitespace(c) ? trailingSpace + 1 : 0;
        }
        s.setLength(s.length() - trailingSpace);
        if (s.isEmpty()) {
          throw malformed("Unexpected \"" + (pos < text.length() ? text.charAt(pos) : ' ')
              + "\" character.");
        }
        if (s.toString().toLowerCase(Locale.ROOT).equals("null")) {
          return null;
        }
      }
      return element.decodeText(s.toString());
    }

    private void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    private PgException malformed(String detail) {
      return new PgException(SqlState.INVALID_TEXT_REPRESENTATION,
          "malformed array literal: \"" + text + "\"", detail, null, 0, null);
    }
  }
}
