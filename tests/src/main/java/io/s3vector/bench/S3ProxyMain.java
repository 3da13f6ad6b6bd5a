package io.s3vector.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A local S3 API server to run S3Vector (and its benchmark) against without a cloud account:
 * S3Proxy on 127.0.0.1, path-style, without authentication (any credentials pass), over a folder
 * (jclouds' "filesystem" provider) or memory ("transient"), with one bucket created at start. Runs
 * until killed. {@code ./s3vector s3proxy --port 9000 [--dir DIR] [--bucket NAME]}.
 *
 * <p>S3Proxy 2.7.0 ignores {@code If-None-Match: *}: one S3Vector server per bucket.
 */
public final class S3ProxyMain {
  static final String USAGE =
      """
      Usage: s3vector s3proxy [--port N] [--dir DIR] [--bucket NAME]
      An S3 API server on 127.0.0.1 without authentication, until killed.
        --port N        TCP port (default 9000)
        --dir DIR       keep the objects in this folder (default: in memory, lost at exit)
        --bucket NAME   the bucket to create (default vectors)
      """;

  private S3ProxyMain() {}

  /** The command line. */
  record Options(int port, Path dir, String bucket) {
    static Options parse(String[] args) {
      int port = 9000;
      Path dir = null;
      String bucket = "vectors";
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("option " + flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--port" -> {
            try {
              port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port must be a number, not \"" + value + "\"");
            }
          }
          case "--dir" -> dir = Path.of(value);
          case "--bucket" -> bucket = value;
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      return new Options(port, dir, bucket);
    }
  }

  public static void main(String[] args) throws Exception {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        System.out.print(USAGE);
        return;
      }
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("s3proxy: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    BlobStoreContext context = blobStore(options.dir());
    context.getBlobStore().createContainerInLocation(null, options.bucket());
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:" + options.port()))
        .awsAuthentication(AuthenticationType.NONE, null, null)
        .build();
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      if ("FAILED".equals(proxy.getState())) {
        System.err.println("s3proxy: could not start on 127.0.0.1:" + options.port());
        System.exit(1);
      }
      Thread.sleep(10);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        proxy.stop();
      } catch (Exception e) {
        // exiting anyway
      }
      context.close();
    }));
    String endpoint = "http://127.0.0.1:" + proxy.getPort();
    System.out.printf("s3proxy: %s, bucket %s, %s%n", endpoint, options.bucket(),
        options.dir() == null ? "in memory" : "in " + options.dir().toAbsolutePath());
    System.out.printf("s3proxy: AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x ./s3vector serve"
        + " --s3-endpoint %s --s3-bucket %s --s3-path-style%n", endpoint, options.bucket());
    System.out.flush();
    Thread.currentThread().join(); // until killed; the hook stops the server
  }

  /** The blob store under the proxy: a folder when given (it survives restarts), else memory. */
  private static BlobStoreContext blobStore(Path dir) throws Exception {
    if (dir == null) {
      return ContextBuilder.newBuilder("transient").credentials("identity", "credential")
          .build(BlobStoreContext.class);
    }
    Files.createDirectories(dir);
    Properties overrides = new Properties();
    overrides.setProperty("jclouds.filesystem.basedir", dir.toAbsolutePath().toString());
    return ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
        .overrides(overrides).build(BlobStoreContext.class);
  }
}
