package io.s3vector.server.protocol;

import java.util.Arrays;
import java.util.Map;

/**
 * One decoded frontend message of the PostgreSQL v3 protocol, named as the protocol names it.
 * Values only: the {@link FrameDecoder} builds them, the session state machine acts on them.
 * Byte arrays are owned by the message (copied out of Netty's buffers), so a message may cross
 * threads safely.
 */
public sealed interface ClientMessage {

  /** The protocol version of a StartupMessage: major in the high 16 bits, minor in the low. */
  int PROTOCOL_3_0 = 3 << 16;

  /**
   * The type byte of a regular message ({@code 0} for the startup-phase requests, which have
   * none); used in error messages such as PostgreSQL's "unexpected message type 0x51 during COPY
   * from stdin".
   */
  static char typeByte(ClientMessage m) {
    return switch (m) {
      case Password p -> 'p';
      case Query q -> 'Q';
      case Parse p -> 'P';
      case Bind b -> 'B';
      case Describe d -> 'D';
      case Execute e -> 'E';
      case Close c -> 'C';
      case Sync s -> 'S';
      case Flush f -> 'H';
      case Terminate t -> 'X';
      case CopyData d -> 'd';
      case CopyDone d -> 'c';
      case CopyFail f -> 'f';
      case FunctionCall f -> 'F';
      case Startup s -> 0;
      case SslRequest s -> 0;
      case GssEncRequest s -> 0;
      case CancelRequest s -> 0;
    };
  }

  /**
   * Roughly the memory a queued message holds (its variable-length payload): the connection
   * stops reading the socket when too many bytes wait for the session, not only too many
   * messages (a COPY's CopyData may be large).
   */
  static long approximateBytes(ClientMessage m) {
    return 32 + switch (m) {
      case CopyData d -> d.data().length;
      case Query q -> 2L * q.sql().length();
      case Parse p -> 2L * p.sql().length() + 4L * p.parameterTypeOids().length;
      case Bind b -> {
        long n = 0;
        for (byte[] v : b.parameterValues()) {
          n += v == null ? 0 : v.length;
        }
        yield n;
      }
      case CopyFail f -> 2L * f.reason().length();
      default -> 0L;
    };
  }

  // ---- startup phase: no type byte ----

  /** StartupMessage: protocol version and the name/value parameters (user, database, ...). */
  record Startup(int protocolVersion, Map<String, String> parameters) implements ClientMessage {
    public Startup {
      parameters = Map.copyOf(parameters);
    }

    public int majorVersion() {
      return protocolVersion >>> 16;
    }

    public int minorVersion() {
      return protocolVersion & 0xffff;
    }
  }

  /** SSLRequest: answered 'N', then the client sends its StartupMessage in plaintext. */
  record SslRequest() implements ClientMessage {}

  /** GSSENCRequest: answered 'N' as well. */
  record GssEncRequest() implements ClientMessage {}

  /** CancelRequest, sent on a new connection: the key of the backend whose statement to cancel. */
  record CancelRequest(int processId, int secretKey) implements ClientMessage {}

  // ---- regular messages: type byte + length ----

  /** 'p': PasswordMessage (also the carrier of SASL/GSS responses, which we do not offer). */
  record Password(String password) implements ClientMessage {}

  /** 'Q': a simple query, possibly several statements. */
  record Query(String sql) implements ClientMessage {}

  /** 'P': Parse; {@code parameterTypeOids} may be shorter than the statement's parameters. */
  record Parse(String statementName, String sql, int[] parameterTypeOids)
      implements ClientMessage {
    @Override
    public boolean equals(Object o) {
      return o instanceof Parse p
          && p.statementName.equals(statementName)
          && p.sql.equals(sql)
          && Arrays.equals(p.parameterTypeOids, parameterTypeOids);
    }

    @Override
    public int hashCode() {
      return statementName.hashCode() * 31 + sql.hashCode();
    }

    @Override
    public String toString() {
      return "Parse[" + statementName + ", " + sql + ", " + Arrays.toString(parameterTypeOids) + "]";
    }
  }

  /**
   * 'B': Bind. Format code arrays are as sent (0, 1 or n entries); a null parameter value is SQL
   * NULL.
   */
  record Bind(
      String portalName,
      String statementName,
      short[] parameterFormats,
      byte[][] parameterValues,
      short[] resultFormats)
      implements ClientMessage {
    @Override
    public String toString() {
      return "Bind[" + portalName + ", " + statementName + ", " + parameterValues.length
          + " parameters]";
    }
  }

  /** What a Describe or Close message refers to. */
  enum Target {
    /** 'S' */
    STATEMENT,
    /** 'P' */
    PORTAL
  }

  /** 'D': Describe a prepared statement or a portal. */
  record Describe(Target target, String name) implements ClientMessage {}

  /** 'E': Execute a portal; {@code maxRows} 0 means all rows. */
  record Execute(String portalName, int maxRows) implements ClientMessage {}

  /** 'C': Close a prepared statement or a portal. */
  record Close(Target target, String name) implements ClientMessage {}

  /** 'S': Sync, the end of an extended-protocol batch. */
  record Sync() implements ClientMessage {}

  /** 'H': Flush: send what is buffered without ending the batch. */
  record Flush() implements ClientMessage {}

  /** 'X': Terminate. */
  record Terminate() implements ClientMessage {}

  /** 'd': CopyData. */
  record CopyData(byte[] data) implements ClientMessage {}

  /** 'c': CopyDone. */
  record CopyDone() implements ClientMessage {}

  /** 'f': CopyFail. */
  record CopyFail(String reason) implements ClientMessage {}

  /** 'F': FunctionCall (the legacy fast-path interface), which we refuse. */
  record FunctionCall() implements ClientMessage {}
}
