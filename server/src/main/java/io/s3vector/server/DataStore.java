package io.s3vector.server;

import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.objectstore.ObjectStore;
import io.s3vector.storage.objectstore.S3ObjectStore;
import io.s3vector.storage.objectstore.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the object store the flags name: the S3 bucket when one is given, else the data folder.
 * Public for the end-to-end tests, which start the server through the same path.
 */
public final class DataStore {

  private DataStore() {}

  public static ObjectStore open(ServerConfig config) {
    return config.onS3() ? openS3(config) : openLocal(config.dataDir());
  }

  /** The S3 settings of {@code --s3-*}. */
  static S3Settings s3Settings(ServerConfig config) {
    S3Settings.Builder settings =
        S3Settings.builder(config.s3Bucket())
            .prefix(config.s3Prefix())
            .region(config.s3Region())
            .pathStyle(config.s3PathStyle())
            .maxConcurrency(config.s3MaxConcurrency());
    if (config.s3Endpoint() != null) {
      try {
        settings.endpoint(URI.create(config.s3Endpoint()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--s3-endpoint is not a URL: " + config.s3Endpoint(), e);
      }
    }
    return settings.build();
  }

  static ObjectStore openLocal(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data folder " + dir, e);
    }
    return new LocalObjectStore(dir);
  }

  /**
   * The bucket's store. Opening the database probes it for conditional writes (the first request:
   * wrong credentials, bucket or endpoint fail there, at start) and takes the writer lease where
   * they are not honoured ({@link ServerConfig#storeOptions()}).
   */
  private static ObjectStore openS3(ServerConfig config) {
    return new S3ObjectStore(s3Settings(config));
  }
}
