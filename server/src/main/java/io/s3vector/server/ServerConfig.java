package io.s3vector.server;

import io.s3vector.server.auth.AuthMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the server is told at start, from command-line flags and environment variables (a
 * flag wins over its variable). Built once, then passed around read-only.
 *
 * @param host the address to listen on; 127.0.0.1 by default so a fresh server with trust auth is
 *     not reachable from other machines ({@code --host 0.0.0.0} to listen everywhere)
 * @param port the TCP port; 0 picks a free one (tests)
 * @param dataDir the local folder holding the tables
 * @param auth how clients authenticate
 * @param user the user name the password methods accept
 * @param password that user's password; required for password and md5
 * @param s3Bucket not supported yet
 * @param s3Endpoint not supported yet
 * @param s3Region not supported yet
 * @param redisUrl not supported yet
 * @param maxMessageBytes the largest frontend message accepted, bounding one connection's memory
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    AuthMethod auth,
    String user,
    String password,
    String s3Bucket,
    String s3Endpoint,
    String s3Region,
    String redisUrl,
    int maxMessageBytes) {

  public static final int DEFAULT_PORT = 5433;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 << 20;

  /** One option: its flag, its environment variable, its help text. */
  private record Option(String flag, String env, String help) {}

  private static final List<Option> OPTIONS =
      List.of(
          new Option("--host", "S3VECTOR_HOST", "address to listen on (default 127.0.0.1)"),
          new Option("--port", "S3VECTOR_PORT", "TCP port, 0 = any free port (default 5433)"),
          new Option("--data-dir", "S3VECTOR_DATA_DIR", "folder holding the data (default ./data)"),
          new Option("--auth", "S3VECTOR_AUTH", "trust | password | md5 (default trust)"),
          new Option("--user", "S3VECTOR_USER", "user name for password/md5 (default postgres)"),
          new Option("--password", "S3VECTOR_PASSWORD", "password, required for password/md5"),
          new Option("--s3-bucket", "S3VECTOR_S3_BUCKET", "S3 bucket (not supported yet)"),
          new Option("--s3-endpoint", "S3VECTOR_S3_ENDPOINT", "S3 endpoint (not supported yet)"),
          new Option("--s3-region", "S3VECTOR_S3_REGION", "S3 region (not supported yet)"),
          new Option("--redis-url", "S3VECTOR_REDIS_URL", "Redis chunk cache (not supported yet)"),
          new Option(
              "--max-message-size",
              "S3VECTOR_MAX_MESSAGE_SIZE",
              "largest client message in bytes (default 268435456)"));

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    if (auth != AuthMethod.TRUST && (password == null || password.isEmpty())) {
      throw new IllegalArgumentException(
          "--auth " + auth.flagValue() + " needs a password (--password or S3VECTOR_PASSWORD)");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("--max-message-size must be at least 1024 bytes");
    }
  }

  /** The embedded default: 127.0.0.1:5433, ./data, trust. */
  public static ServerConfig defaults() {
    return parse(new String[0], Map.of());
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, dataDir, auth, user, password, s3Bucket, s3Endpoint,
        s3Region, redisUrl, maxMessageBytes);
  }

  public ServerConfig withAuth(AuthMethod newAuth, String newUser, String newPassword) {
    return new ServerConfig(host, port, dataDir, newAuth, newUser, newPassword, s3Bucket,
        s3Endpoint, s3Region, redisUrl, maxMessageBytes);
  }

  public ServerConfig withMaxMessageBytes(int newMax) {
    return new ServerConfig(host, port, dataDir, auth, user, password, s3Bucket, s3Endpoint,
        s3Region, redisUrl, newMax);
  }

  /** Whether {@code --help} or {@code -h} is among the arguments. */
  public static boolean helpRequested(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /** The text {@code --help} prints. */
  public static String usage() {
    StringBuilder sb =
        new StringBuilder(
            "Usage: s3vector serve [options]\n"
                + "A PostgreSQL + pgvector compatible server whose data lives as Zarr arrays.\n\n"
                + "Options (each also as an environment variable; a flag wins):\n");
    for (Option o : OPTIONS) {
      sb.append(String.format("  %-28s %-27s %s%n", o.flag + " <value>", o.env, o.help));
    }
    sb.append(String.format("  %-28s %-27s %s%n", "--help", "", "print this help"));
    return sb.toString();
  }

  /**
   * Reads flags ({@code --port 5433} or {@code --port=5433}) over environment variables over
   * defaults.
   *
   * @throws IllegalArgumentException with a message fit for the user on a bad flag or value
   */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Option o : OPTIONS) {
      String v = env.get(o.env);
      if (v != null && !v.isEmpty()) {
        values.put(o.flag, v);
      }
    }
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i < rest.size(); i++) {
      String arg = rest.get(i);
      String flag = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        flag = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      String name = flag;
      if (OPTIONS.stream().noneMatch(o -> o.flag.equals(name))) {
        throw new IllegalArgumentException("unknown option \"" + arg + "\" (see --help)");
      }
      if (value == null) {
        if (i + 1 >= rest.size()) {
          throw new IllegalArgumentException("option " + flag + " needs a value");
        }
        value = rest.get(++i);
      }
      values.put(flag, value);
    }
    return new ServerConfig(
        values.getOrDefault("--host", DEFAULT_HOST),
        parseInt(values, "--port", DEFAULT_PORT),
        Path.of(values.getOrDefault("--data-dir", "./data")),
        AuthMethod.parse(values.getOrDefault("--auth", "trust")),
        values.getOrDefault("--user", "postgres"),
        values.get("--password"),
        values.get("--s3-bucket"),
        values.get("--s3-endpoint"),
        values.get("--s3-region"),
        values.get("--redis-url"),
        parseInt(values, "--max-message-size", DEFAULT_MAX_MESSAGE_BYTES));
  }

  private static int parseInt(Map<String, String> values, String flag, int fallback) {
    String v = values.get(flag);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, not \"" + v + "\"");
    }
  }

  /**
   * The options that are parsed but not served yet; Main refuses to start with any of them so a
   * user never believes data went to S3 when it went to a local folder.
   */
  public List<String> unsupportedOptions() {
    List<String> unsupported = new ArrayList<>();
    if (s3Bucket != null) {
      unsupported.add("--s3-bucket");
    }
    if (s3Endpoint != null) {
      unsupported.add("--s3-endpoint");
    }
    if (s3Region != null) {
      unsupported.add("--s3-region");
    }
    if (redisUrl != null) {
      unsupported.add("--redis-url");
    }
    return unsupported;
  }

  @Override
  public String toString() {
    // never log the password
    return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir + ", auth="
        + auth.flagValue() + ", user=" + user + "]";
  }
}
