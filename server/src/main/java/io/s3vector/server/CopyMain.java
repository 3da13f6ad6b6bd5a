package io.s3vector.server;

import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.objectstore.S3ObjectStore;
import io.s3vector.storage.objectstore.StoreCopy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./s3vector copy}: copies the database of a data folder into an S3 bucket (or, with
 * {@code --to-folder}, of a bucket into a folder), named by the server's own flags: {@code
 * --data-dir} and {@code --s3-bucket} with its {@code --s3-*} options. Stop the server that
 * writes the source first. The destination must hold no database yet.
 */
public final class CopyMain {

  static final String TO_FOLDER = "--to-folder";

  private CopyMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the copy; returns the exit status (0 done, 1 failed, 2 bad flags). */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (ServerConfig.helpRequested(args)) {
      out.print("Usage: s3vector copy --data-dir <folder> --s3-bucket <bucket> [--s3-* options] ["
          + TO_FOLDER + "]\n"
          + "Copies the database of the data folder into the bucket (with " + TO_FOLDER
          + ": of the bucket into the folder).\n"
          + "Stop the server writing the source first; the destination must hold no database.\n"
          + "The --s3-* options are the server's (./s3vector serve --help).\n");
      return 0;
    }
    List<String> flags = new ArrayList<>(List.of(args));
    boolean toFolder = flags.remove(TO_FOLDER);
    ServerConfig config;
    try {
      config = ServerConfig.parse(flags.toArray(String[]::new), env);
      if (!config.onS3()) {
        throw new IllegalArgumentException("copy needs --s3-bucket (and --data-dir, default ./data)");
      }
    } catch (IllegalArgumentException e) {
      err.println("s3vector: " + e.getMessage());
      return 2;
    }
    String folder = config.dataDir().toAbsolutePath().normalize().toString();
    String bucket = "s3://" + config.s3Bucket()
        + (config.s3Prefix() == null ? "" : "/" + config.s3Prefix());
    try (ObjectStore local = DataStore.openLocal(config.dataDir());
        ObjectStore s3 = new S3ObjectStore(DataStore.s3Settings(config))) {
      StoreCopy.Copied copied = toFolder ? StoreCopy.copy(s3, local) : StoreCopy.copy(local, s3);
      out.printf("copied %d objects (%,d bytes) from %s to %s%n", copied.objects(), copied.bytes(),
          toFolder ? bucket : folder, toFolder ? folder : bucket);
      return 0;
    } catch (RuntimeException e) {
      err.println("s3vector: copy failed: " + e.getMessage());
      return 1;
    }
  }
}
