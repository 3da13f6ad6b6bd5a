package io.s3vector.server;

import io.s3vector.server.auth.AuthMethod;
import io.s3vector.storage.table.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param s3Bucket the bucket holding the tables; when set, data lives there, not in dataDir
 * @param s3Endpoint an S3-compatible server (S3Proxy, MinIO), or null for AWS S3
 * @param s3Prefix the folder inside the bucket ("" = its root)
 * @param s3Region the signing region (us-east-1 by default)
 * @param s3PathStyle path-style addressing (http://host/bucket/key), for S3Proxy and MinIO
 * @param s3MaxConcurrency the most S3 requests in flight at once
 * @param redisUrl the shared Redis cache of object byte ranges, or null for none
 * @param cacheBytes the in-process cache's bound in bytes; -1 for the default, a quarter of the heap
 * @param manifestRefresh how soon another server's commits become visible here
 * @param maxMessageBytes the largest frontend message accepted, bounding one connection's memory
 * @param coldOnly whether indexed segments stay on the cold path (no HNSW graph is loaded into
 *     memory after their first queries): for measuring the cold path, and for servers too small
 *     to hold graphs
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
    String s3Prefix,
    String s3Region,
    boolean s3PathStyle,
    int s3MaxConcurrency,
    String redisUrl,
    long cacheBytes,
    Duration manifestRefresh,
    int maxMessageBytes,
    boolean coldOnly) {

  public static final int DEFAULT_PORT = 5433;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 << 20;
  public static final String DEFAULT_S3_REGION = "us-east-1";

  /** One option: its flag, its environment variable, its help text; a switch takes no value. */
  private record Option(String flag, String env, String help, boolean isSwitch) {
    Option(String flag, String env, String help) {
      this(flag, env, help, false);
    }
  }

  private static final List<Option> OPTIONS =
      List.of(
          new Option("--host", "S3VECTOR_HOST", "address to listen on (default 127.0.0.1)"),
          new Option("--port", "S3VECTOR_PORT", "TCP port, 0 = any free port (default 5433)"),
          new Option("--data-dir", "S3VECTOR_DATA_DIR", "folder holding the data (default ./data)"),
          new Option("--auth", "S3VECTOR_AUTH", "trust | password | md5 (default trust)"),
          new Option("--user", "S3VECTOR_USER", "user name for password/md5 (default postgres)"),
          new Option("--password", "S3VECTOR_PASSWORD", "password, required for password/md5"),
          new Option("--s3-bucket", "S3VECTOR_S3_BUCKET", "keep the data in this S3 bucket"),
          new Option("--s3-endpoint", "S3VECTOR_S3_ENDPOINT", "S3-compatible server URL (default AWS)"),
          new Option("--s3-prefix", "S3VECTOR_S3_PREFIX", "folder inside the bucket (default: root)"),
          new Option("--s3-region", "S3VECTOR_S3_REGION", "S3 region (default us-east-1)"),
          new Option("--s3-path-style", "S3VECTOR_S3_PATH_STYLE",
              "path-style S3 URLs, for S3Proxy/MinIO (true|false)", true),
          new Option("--s3-max-concurrency", "S3VECTOR_S3_MAX_CONCURRENCY",
              "most S3 requests in flight (default 64)"),
          new Option("--redis-url", "S3VECTOR_REDIS_URL",
              "shared Redis cache, redis://host:port (default: none)"),
          new Option("--cache-size", "S3VECTOR_CACHE_SIZE",
              "in-process cache, e.g. 512MB or 0 (default: a quarter of the heap)"),
          new Option("--manifest-refresh", "S3VECTOR_MANIFEST_REFRESH",
              "how soon other servers' commits are seen, e.g. 1s or 200ms (default 1s)"),
          new Option("--cold-only", "S3VECTOR_COLD_ONLY",
              "never load HNSW graphs into memory: every indexed search takes the cold IVF path"
                  + " (true|false, default false)", true),
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
    if (s3MaxConcurrency < 1) {
      throw new IllegalArgumentException("--s3-max-concurrency must be at least 1");
    }
    if (s3Bucket == null && (s3Endpoint != null || s3Prefix != null)) {
      throw new IllegalArgumentException(
          (s3Endpoint != null ? "--s3-endpoint" : "--s3-prefix") + " needs --s3-bucket");
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
        s3Prefix, s3Region, s3PathStyle, s3MaxConcurrency, redisUrl, cacheBytes, manifestRefresh, maxMessageBytes, coldOnly);
  }

  public ServerConfig withAuth(AuthMethod newAuth, String newUser, String newPassword) {
    return new ServerConfig(host, port, dataDir, newAuth, newUser, newPassword, s3Bucket,
        s3Endpoint, s3Prefix, s3Region, s3PathStyle, s3MaxConcurrency, redisUrl, cacheBytes, manifestRefresh, maxMessageBytes, coldOnly);
  }

  public ServerConfig withMaxMessageBytes(int newMax) {
    return new ServerConfig(host, port, dataDir, auth, user, password, s3Bucket, s3Endpoint,
        s3Prefix, s3Region, s3PathStyle, s3MaxConcurrency, redisUrl, cacheBytes, manifestRefresh, newMax, coldOnly);
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
      sb.append(String.format("  %-28s %-27s %s%n", o.flag + (o.isSwitch ? "" : " <value>"), o.env, o.help));
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
      Option option = OPTIONS.stream().filter(o -> o.flag.equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown option \"" + arg + "\" (see --help)"));
      if (value == null && option.isSwitch) {
        value = "true"; // a switch alone turns it on; --s3-path-style=false turns it off
      } else if (value == null) {
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
        values.get("--s3-prefix"),
        values.getOrDefault("--s3-region", DEFAULT_S3_REGION),
        parseBoolean(values, "--s3-path-style"),
        parseInt(values, "--s3-max-concurrency", StoreOptions.DEFAULT_MAX_CONCURRENCY),
        values.get("--redis-url"),
        parseBytes(values, "--cache-size", -1),
        parseDuration(values, "--manifest-refresh", StoreOptions.DEFAULT_REFRESH_INTERVAL),
        parseInt(values, "--max-message-size", DEFAULT_MAX_MESSAGE_BYTES),
        parseBoolean(values, "--cold-only"));
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

  /** A whole number and its unit, e.g. "512MB" or "200 ms". */
  private static final java.util.regex.Pattern NUMBER_AND_UNIT =
      java.util.regex.Pattern.compile("\\s*(\\d+)\\s*([a-zA-Z]*)\\s*");

  /** A size: bytes, or a number with kB, MB, GB or TB (PostgreSQL's units, powers of 1024). */
  static long parseBytes(Map<String, String> values, String flag, long fallback) {
    String v = values.get(flag);
    if (v == null) {
      return fallback;
    }
    java.util.regex.Matcher m = NUMBER_AND_UNIT.matcher(v);
    int shift = !m.matches() ? -1 : switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "", "b" -> 0;
      case "kb" -> 10;
      case "mb" -> 20;
      case "gb" -> 30;
      case "tb" -> 40;
      default -> -1;
    };
    if (shift < 0) {
      throw new IllegalArgumentException(flag + " must be a size such as 512MB or 0, not \"" + v + "\"");
    }
    return Long.parseLong(m.group(1)) << shift;
  }

  /** A duration: a number with ms, s, min or h (PostgreSQL's units); a bare number is milliseconds. */
  static Duration parseDuration(Map<String, String> values, String flag, Duration fallback) {
    String v = values.get(flag);
    if (v == null) {
      return fallback;
    }
    java.util.regex.Matcher m = NUMBER_AND_UNIT.matcher(v);
    java.time.temporal.ChronoUnit unit = !m.matches() ? null : switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
      case "", "ms" -> java.time.temporal.ChronoUnit.MILLIS;
      case "s" -> java.time.temporal.ChronoUnit.SECONDS;
      case "min" -> java.time.temporal.ChronoUnit.MINUTES;
      case "h" -> java.time.temporal.ChronoUnit.HOURS;
      default -> null;
    };
    if (unit == null) {
      throw new IllegalArgumentException(flag + " must be a duration such as 1s or 200ms, not \"" + v + "\"");
    }
    return Duration.of(Long.parseLong(m.group(1)), unit);
  }

  /**
   * The storage options these flags set. A server always guards its store: where conditional
   * writes are not honoured it runs only as the holder of the writer lease.
   */
  public StoreOptions storeOptions() {
    StoreOptions.Builder options = StoreOptions.builder()
        .writerLease(true)
        .maxConcurrency(s3MaxConcurrency)
        .redisUrl(redisUrl)
        .refreshInterval(manifestRefresh)
        .warmGraphs(!coldOnly);
    if (cacheBytes >= 0) {
      options.cacheBytes(cacheBytes);
    }
    return options.build();
  }

  private static boolean parseBoolean(Map<String, String> values, String flag) {
    String v = values.get(flag);
    if (v == null) {
      return false;
    }
    return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new IllegalArgumentException(flag + " must be true or false, not \"" + v + "\"");
    };
  }

  /** Whether the tables live in an S3 bucket rather than the local data folder. */
  public boolean onS3() {
    return s3Bucket != null;
  }

  @Override
  public String toString() {
    // never log the password
    return "ServerConfig[host=" + host + ", port=" + port + ", dataDir=" + dataDir
        + (onS3() ? ", s3Bucket=" + s3Bucket + ", s3Prefix=" + s3Prefix + ", s3Endpoint=" + s3Endpoint : "")
        + (redisUrl != null ? ", redisUrl=" + redisUrl : "")
        + ", auth=" + auth.flagValue() + ", user=" + user + "]";
  }
}
