package io.s3vector.server.auth;

import io.netty.buffer.ByteBuf;
import io.s3vector.server.protocol.BackendMessages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** password: AuthenticationCleartextPassword, compared in constant time. */
public final class CleartextAuthenticator implements Authenticator {
  private final String user;
  private final byte[] password;

  CleartextAuthenticator(String user, String password) {
    this.user = user;
    this.password = password.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean needsPassword() {
    return true;
  }

  @Override
  public void writeRequest(ByteBuf out) {
    BackendMessages.authenticationCleartextPassword(out);
  }

  @Override
  public boolean accepts(String user, String response) {
    boolean right =
        MessageDigest.isEqual(password, response.getBytes(StandardCharsets.UTF_8));
    return right && this.user.equals(user);
  }
}
