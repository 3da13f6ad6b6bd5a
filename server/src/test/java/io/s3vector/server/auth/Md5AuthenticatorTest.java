package io.s3vector.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Md5AuthenticatorTest {

  @Test
  void hashMatchesPostgresFormula() {
    // "md5" + md5hex(md5hex("secret" + "alice") + salt), computed independently with Python
    assertEquals(
        "md598a0412b9c31436fc53776e863350083",
        Md5Authenticator.hash("alice", "secret", new byte[] {1, 2, 3, 4}));
  }

  @Test
  void acceptsTheHashForItsOwnSaltOnly() {
    Authenticator auth =
        Authenticator.forConnection(AuthMethod.MD5, "alice", "secret", new SecureRandom());
    ByteBuf request = Unpooled.buffer();
    auth.writeRequest(request);
    assertEquals('R', request.readByte());
    assertEquals(12, request.readInt());
    assertEquals(5, request.readInt());
    byte[] salt = new byte[4];
    request.readBytes(salt);
    assertTrue(auth.accepts("alice", Md5Authenticator.hash("alice", "secret", salt)));
    assertFalse(auth.accepts("alice", Md5Authenticator.hash("alice", "wrong", salt)));
    assertFalse(auth.accepts("bob", Md5Authenticator.hash("bob", "secret", salt)));
  }

  @Test
  void cleartextChecksUserAndPassword() {
    Authenticator auth =
        Authenticator.forConnection(AuthMethod.PASSWORD, "alice", "secret", new SecureRandom());
    assertTrue(auth.accepts("alice", "secret"));
    assertFalse(auth.accepts("alice", "Secret"));
    assertFalse(auth.accepts("mallory", "secret"));
  }

  @Test
  void methodNames() {
    assertEquals(AuthMethod.MD5, AuthMethod.parse("MD5"));
    assertEquals(AuthMethod.TRUST, AuthMethod.parse("trust"));
    assertThrows(IllegalArgumentException.class, () -> AuthMethod.parse("scram"));
  }
}
