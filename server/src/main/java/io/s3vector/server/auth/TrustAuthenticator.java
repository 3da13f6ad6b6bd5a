package io.s3vector.server.auth;

import io.netty.buffer.ByteBuf;

/** trust: no password asked, any user name accepted (the default for a local server). */
public record TrustAuthenticator() implements Authenticator {
  @Override
  public boolean needsPassword() {
    return false;
  }

  @Override
  public void writeRequest(ByteBuf out) {
    throw new IllegalStateException("trust asks for no password");
  }

  @Override
  public boolean accepts(String user, String response) {
    return true;
  }
}
