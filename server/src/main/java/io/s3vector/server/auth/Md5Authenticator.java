package io.s3vector.server.auth;

import io.netty.buffer.ByteBuf;
import io.s3vector.server.protocol.BackendMessages;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * md5: AuthenticationMD5Password with a random 4-byte salt; the client answers {@code "md5" +
 * md5hex(md5hex(password + user) + salt)}.
 */
public final class Md5Authenticator implements Authenticator {
  private final String user;
  private final String password;
  private final byte[] salt = new byte[4];

  Md5Authenticator(String user, String password, SecureRandom random) {
    this.user = user;
    this.password = password;
    random.nextBytes(salt);
  }

  @Override
  public boolean needsPassword() {
    return true;
  }

  @Override
  public void writeRequest(ByteBuf out) {
    BackendMessages.authenticationMd5Password(out, salt);
  }

  @Override
  public boolean accepts(String user, String response) {
    byte[] expected = hash(this.user, password, salt).getBytes(StandardCharsets.UTF_8);
    boolean right = MessageDigest.isEqual(expected, response.getBytes(StandardCharsets.UTF_8));
    return right && this.user.equals(user);
  }

  /** The PasswordMessage text a client sends for this user, password and salt. */
  public static String hash(String user, String password, byte[] salt) {
    String inner = md5hex(password.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
    return "md5" + md5hex(inner.getBytes(StandardCharsets.US_ASCII), salt);
  }

  private static String md5hex(byte[] a, byte[] b) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(a);
      md5.update(b);
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has MD5", e);
    }
  }
}
