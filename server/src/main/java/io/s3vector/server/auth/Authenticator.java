package io.s3vector.server.auth;

import io.netty.buffer.ByteBuf;
import java.security.SecureRandom;

/**
 * One connection's authentication exchange: which request to send after the StartupMessage and
 * whether the PasswordMessage that answers it is right. Instances are per connection because the
 * MD5 salt is.
 */
public sealed interface Authenticator permits TrustAuthenticator, CleartextAuthenticator,
    Md5Authenticator {

  /**
   * @param user the one user name accepted by the password methods
   * @param password that user's password (ignored by trust)
   */
  static Authenticator forConnection(
      AuthMethod method, String user, String password, SecureRandom random) {
    return switch (method) {
      case TRUST -> new TrustAuthenticator();
      case PASSWORD -> new CleartextAuthenticator(user, password);
      case MD5 -> new Md5Authenticator(user, password, random);
    };
  }

  /** False for trust: AuthenticationOk follows the StartupMessage at once. */
  boolean needsPassword();

  /** Writes the AuthenticationXxx request the client must answer with a PasswordMessage. */
  void writeRequest(ByteBuf out);

  /**
   * Whether {@code response} (the PasswordMessage's text) proves {@code user}. An unknown user
   * fails exactly like a wrong password, so the answer does not tell which user names exist.
   */
  boolean accepts(String user, String response);
}
