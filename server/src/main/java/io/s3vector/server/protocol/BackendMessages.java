package io.s3vector.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.types.PgType;
import java.util.List;

/**
 * Writers for the backend (server to client) messages, each appending one whole message to a
 * buffer. Pure encoding: what to send and when is the session's business.
 */
public final class BackendMessages {
  /** Format code 0: text. */
  public static final short TEXT = 0;

  /** Format code 1: binary. */
  public static final short BINARY = 1;

  private BackendMessages() {}

  /** The one-byte answer to SSLRequest and GSSENCRequest: not supported, go on in plaintext. */
  public static void encryptionRefused(ByteBuf out) {
    out.writeByte('N');
  }

  public static void authenticationOk(ByteBuf out) {
    int at = begin(out, 'R');
    out.writeInt(0);
    end(out, at);
  }

  public static void authenticationCleartextPassword(ByteBuf out) {
    int at = begin(out, 'R');
    out.writeInt(3);
    end(out, at);
  }

  public static void authenticationMd5Password(ByteBuf out, byte[] salt) {
    int at = begin(out, 'R');
    out.writeInt(5);
    out.writeBytes(salt, 0, 4);
    end(out, at);
  }

  /**
   * NegotiateProtocolVersion: the newest minor version we speak and the protocol options
   * ({@code _pq_.*}) we did not recognise.
   */
  public static void negotiateProtocolVersion(
      ByteBuf out, int newestMinorVersion, List<String> unrecognisedOptions) {
    int at = begin(out, 'v');
    out.writeInt((3 << 16) | newestMinorVersion);
    out.writeInt(unrecognisedOptions.size());
    for (String option : unrecognisedOptions) {
      cstring(out, option);
    }
    end(out, at);
  }

  public static void parameterStatus(ByteBuf out, String name, String value) {
    int at = begin(out, 'S');
    cstring(out, name);
    cstring(out, value);
    end(out, at);
  }

  public static void backendKeyData(ByteBuf out, int processId, int secretKey) {
    int at = begin(out, 'K');
    out.writeInt(processId);
    out.writeInt(secretKey);
    end(out, at);
  }

  /** ReadyForQuery with 'I' (idle), 'T' (in a block) or 'E' (in a failed block). */
  public static void readyForQuery(ByteBuf out, char transactionStatus) {
    int at = begin(out, 'Z');
    out.writeByte(transactionStatus);
    end(out, at);
  }

  /** RowDescription; {@code formats} has one resolved format code per column. */
  public static void rowDescription(ByteBuf out, List<ResultColumn> columns, short[] formats) {
    int at = begin(out, 'T');
    out.writeShort(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ResultColumn c = columns.get(i);
      cstring(out, c.name());
      out.writeInt(c.tableOid());
      out.writeShort(c.columnNumber());
      out.writeInt(c.type().oid());
      out.writeShort(c.type().typlen());
      out.writeInt(c.typmod());
      out.writeShort(formats[i]);
    }
    end(out, at);
  }

  /**
   * DataRow: each value in its column's format; null is length -1. {@code types} and {@code
   * formats} are per column.
   */
  public static void dataRow(ByteBuf out, Object[] values, PgType[] types, short[] formats) {
    int at = begin(out, 'D');
    out.writeShort(values.length);
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v == null) {
        out.writeInt(-1);
      } else if (formats[i] == BINARY) {
        byte[] bytes = types[i].encodeBinary(v);
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
      } else {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        int written = ByteBufUtil.writeUtf8(out, types[i].encodeText(v));
        out.setInt(lengthAt, written);
      }
    }
    end(out, at);
  }

  public static void commandComplete(ByteBuf out, String tag) {
    int at = begin(out, 'C');
    cstring(out, tag);
    end(out, at);
  }

  public static void emptyQueryResponse(ByteBuf out) {
    end(out, begin(out, 'I'));
  }

  public static void parseComplete(ByteBuf out) {
    end(out, begin(out, '1'));
  }

  public static void bindComplete(ByteBuf out) {
    end(out, begin(out, '2'));
  }

  public static void closeComplete(ByteBuf out) {
    end(out, begin(out, '3'));
  }

  public static void noData(ByteBuf out) {
    end(out, begin(out, 'n'));
  }

  public static void portalSuspended(ByteBuf out) {
    end(out, begin(out, 's'));
  }

  /**
   * CopyInResponse: the overall format (0 text/csv, 1 binary) and the same format for each of
   * the {@code columns} copied, as PostgreSQL sends it.
   */
  public static void copyInResponse(ByteBuf out, int format, int columns) {
    int at = begin(out, 'G');
    out.writeByte(format);
    out.writeShort(columns);
    for (int i = 0; i < columns; i++) {
      out.writeShort(format);
    }
    end(out, at);
  }

  /** CopyOutResponse: the overall format (0 text, 1 binary), and each column's, the same. */
  public static void copyOutResponse(ByteBuf out, int format, int columns) {
    int at = begin(out, 'H');
    out.writeByte(format);
    out.writeShort(columns);
    for (int i = 0; i < columns; i++) {
      out.writeShort(format);
    }
    end(out, at);
  }

  /** CopyData with {@code data[0, length)}. */
  public static void copyData(ByteBuf out, byte[] data, int length) {
    out.writeByte('d');
    out.writeInt(4 + length);
    out.writeBytes(data, 0, length);
  }

  public static void copyDone(ByteBuf out) {
    out.writeByte('c');
    out.writeInt(4);
  }

  public static void parameterDescription(ByteBuf out, List<PgType> parameterTypes) {
    int at = begin(out, 't');
    out.writeShort(parameterTypes.size());
    for (PgType t : parameterTypes) {
      out.writeInt(t == null ? 0 : t.oid());
    }
    end(out, at);
  }

  /**
   * ErrorResponse; {@code detail}, {@code hint} and {@code context} (CONTEXT, sent as {@code W})
   * may be null, {@code position} 0 = none.
   */
  public static void errorResponse(
      ByteBuf out,
      String severity,
      String sqlState,
      String message,
      String detail,
      String hint,
      int position,
      String context) {
    int at = begin(out, 'E');
    field(out, 'S', severity);
    // V (non-localized severity) exists since 9.6; clients prefer it over S when present
    field(out, 'V', severity);
    field(out, 'C', sqlState);
    field(out, 'M', message == null ? "" : message);
    if (detail != null) {
      field(out, 'D', detail);
    }
    if (hint != null) {
      field(out, 'H', hint);
    }
    if (position > 0) {
      field(out, 'P', Integer.toString(position));
    }
    if (context != null) {
      field(out, 'W', context);
    }
    out.writeByte(0);
    end(out, at);
  }

  /** NoticeResponse: severity NOTICE or WARNING (also as V), SQLSTATE, message and DETAIL. */
  public static void noticeResponse(ByteBuf out, String severity, String sqlState, String message,
      String detail) {
    int at = begin(out, 'N');
    field(out, 'S', severity);
    field(out, 'V', severity);
    field(out, 'C', sqlState);
    field(out, 'M', message == null ? "" : message);
    if (detail != null) {
      field(out, 'D', detail);
    }
    out.writeByte(0);
    end(out, at);
  }

  private static void field(ByteBuf out, char code, String value) {
    out.writeByte(code);
    cstring(out, value);
  }

  private static void cstring(ByteBuf out, String s) {
    // a NUL inside the value would end the string early on the client: drop it
    ByteBufUtil.writeUtf8(out, s.indexOf('\0') < 0 ? s : s.replace("\0", ""));
    out.writeByte(0);
  }

  /** Writes the type byte and a length placeholder; returns where the length goes. */
  private static int begin(ByteBuf out, char type) {
    out.writeByte(type);
    int at = out.writerIndex();
    out.writeInt(0);
    return at;
  }

  /** Fills in the length: it counts itself and the body, not the type byte. */
  private static void end(ByteBuf out, int lengthAt) {
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
  }
}
