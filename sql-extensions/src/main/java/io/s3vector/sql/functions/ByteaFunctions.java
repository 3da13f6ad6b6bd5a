package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.ByteaType;
import io.s3vector.sql.types.PgTypes;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * PostgreSQL's functions of {@code bytea}: {@code length}, {@code octet_length}, {@code md5},
 * {@code encode(bytea, 'hex' | 'base64' | 'escape')}, {@code decode(text, ...)} and the
 * concatenation {@code bytea || bytea}.
 */
final class ByteaFunctions {
  private static final RelDataType B = PgRelTypes.BYTEA;
  private static final RelDataType T = PgRelTypes.TEXT;

  private ByteaFunctions() {}

  static boolean bytea(RelDataType t) {
    return PgRelTypes.pg(t) == PgTypes.BYTEA;
  }

  /** {@code name(args)} over bytea, or null. */
  static Resolved resolve(String name, List<RelDataType> args) {
    int n = args.size();
    boolean first = n > 0 && bytea(args.get(0));
    return switch (name) {
      case "length", "octet_length" -> n == 1 && first
          ? fn(name, List.of(B), PgRelTypes.INT4, a -> ((byte[]) a[0]).length) : null;
      case "md5" -> n == 1 && first ? fn(name, List.of(B), T, a -> TextFunctions.md5((byte[]) a[0])) : null;
      case "encode" -> n == 2 && first && textLike(args.get(1))
          ? fn(name, List.of(B, T), T, a -> encode((byte[]) a[0], (String) a[1])) : null;
      case "decode" -> n == 2 && textLike(args.get(0)) && textLike(args.get(1))
          ? fn(name, List.of(T, T), B, a -> decode((String) a[0], (String) a[1])) : null;
      default -> null;
    };
  }

  /** {@code bytea || bytea}, or null. */
  static Resolved operator(String op, RelDataType l, RelDataType r) {
    if (op.equals("||") && (bytea(l) || bytea(r)) && (bytea(l) || Operators.isUnknown(l))
        && (bytea(r) || Operators.isUnknown(r))) {
      return fn("byteacat", List.of(B, B), B, a -> {
        byte[] x = (byte[]) a[0];
        byte[] y = (byte[]) a[1];
        byte[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
      });
    }
    return null;
  }

  private static boolean textLike(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknown(t);
  }

  static String encode(byte[] data, String format) {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "hex" -> ByteaType.hex(data);
      // PostgreSQL breaks base64 lines at 76 characters
      case "base64" -> Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(data);
      case "escape" -> escape(data);
      default -> throw unrecognized(format);
    };
  }

  static byte[] decode(String text, String format) {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "hex" -> ByteaType.fromHex(text, 0);
      case "base64" -> {
        try {
          yield Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "invalid base64 end sequence");
        }
      }
      case "escape" -> ByteaType.parse(text);
      default -> throw unrecognized(format);
    };
  }

  /** The escape form: printable ASCII as is, a backslash doubled, other bytes as \ooo. */
  private static String escape(byte[] data) {
    StringBuilder out = new StringBuilder(data.length);
    for (byte b : data) {
      int c = b & 0xff;
      if (c == '\\') {
        out.append("\\\\");
      } else if (c == 0 || c >= 0x80) {
        out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
            .append((char) ('0' + (c & 7)));
      } else {
        out.append((char) c);
      }
    }
    return out.toString();
  }

  private static PgException unrecognized(String format) {
    return new PgException(SqlState.INVALID_PARAMETER_VALUE,
        "unrecognized encoding: \"" + format + "\"");
  }

  private static Resolved fn(String name, List<RelDataType> types, RelDataType result,
      PgFunction.Impl impl) {
    return new Resolved(Operators.cached("bytea:" + name,
        () -> new PgFunction(name, true, impl)), types, result);
  }
}
