package io.s3vector.server.protocol;

/**
 * A frame that does not follow the protocol (bad length, unknown type byte, a body that does not
 * match its length). The connection answers with a FATAL 08P01 ErrorResponse and closes; no other
 * connection is touched.
 */
public final class ProtocolViolation extends RuntimeException {
  public ProtocolViolation(String message) {
    super(message, null, false, false);
  }
}
