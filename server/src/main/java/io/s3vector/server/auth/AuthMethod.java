package io.s3vector.server.auth;

import java.util.Locale;

/** How clients prove who they are, named as in pg_hba.conf. */
public enum AuthMethod {
  /** Anyone who can connect is let in, under any user name. */
  TRUST,
  /** AuthenticationCleartextPassword: the password travels as sent (use only on trusted networks). */
  PASSWORD,
  /** AuthenticationMD5Password: a salted MD5 of the password, as PostgreSQL's md5 method. */
  MD5;

  /** Parses "trust", "password" or "md5". */
  public static AuthMethod parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "trust" -> TRUST;
      case "password" -> PASSWORD;
      case "md5" -> MD5;
      default ->
          throw new IllegalArgumentException(
              "unknown auth method \"" + name + "\" (trust, password or md5)");
    };
  }

  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
