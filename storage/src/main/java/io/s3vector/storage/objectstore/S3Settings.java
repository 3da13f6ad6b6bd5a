package io.s3vector.storage.objectstore;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how an {@link S3ObjectStore} reaches its bucket. Build with {@link #builder(String)};
 * only the bucket is required.
 *
 * @param bucket the bucket holding the data
 * @param prefix the folder inside the bucket every key lives under ("" = the bucket's root);
 *     normalised without leading or trailing '/'
 * @param endpoint an S3-compatible server (S3Proxy, MinIO, ...), or null for AWS S3 itself
 * @param region the signing region; AWS needs the bucket's, S3-compatible servers accept any
 * @param pathStyle {@code http://host/bucket/key} instead of {@code http://bucket.host/key}: what
 *     servers without wildcard DNS (S3Proxy, MinIO) need
 * @param maxConcurrency the most HTTP connections open at once; further requests wait for one
 * @param attemptTimeout one HTTP attempt longer than this is abandoned and retried
 * @param callTimeout one operation, all retries included, longer than this fails
 * @param maxAttempts tries per request (the first plus retries) on throttling, 5xx and
 *     connection errors
 * @param multipartThreshold objects of at least this many bytes are uploaded in parts
 * @param partSize the size of each part but the last (S3 needs at least 5 MiB)
 * @param checksums send and verify the SDK's CRC32 checksums on every request (on by default for
 *     AWS; off by default with a custom endpoint, since many S3-compatible servers reject the
 *     checksum headers and trailers the SDK sends since 2.30 — S3Proxy 2.7.0 answers 501)
 */
public record S3Settings(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    boolean pathStyle,
    int maxConcurrency,
    Duration attemptTimeout,
    Duration callTimeout,
    int maxAttempts,
    long multipartThreshold,
    int partSize,
    boolean checksums) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final int DEFAULT_MAX_CONCURRENCY = 64;
  /** Big enough that one part is worth a request, small enough to upload several in parallel. */
  public static final int DEFAULT_PART_SIZE = 16 << 20;

  public S3Settings {
    Objects.requireNonNull(bucket, "bucket");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("the S3 bucket name is empty");
    }
    prefix = normalisePrefix(prefix);
    region = region == null || region.isBlank() ? DEFAULT_REGION : region;
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("S3 max concurrency must be at least 1, not " + maxConcurrency);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("S3 max attempts must be at least 1, not " + maxAttempts);
    }
    if (partSize < 1 || multipartThreshold < partSize) {
      throw new IllegalArgumentException(
          "the multipart threshold (" + multipartThreshold + ") must be at least the part size ("
              + partSize + ")");
    }
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(callTimeout, "callTimeout");
  }

  public static Builder builder(String bucket) {
    return new Builder(bucket);
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(bucket)
        .prefix(prefix)
        .endpoint(endpoint)
        .region(region)
        .pathStyle(pathStyle)
        .maxConcurrency(maxConcurrency)
        .attemptTimeout(attemptTimeout)
        .callTimeout(callTimeout)
        .maxAttempts(maxAttempts)
        .multipart(multipartThreshold, partSize)
        .checksums(checksums);
  }

  /** {@code s3://bucket/prefix} (and the endpoint when not AWS), for log lines. */
  public String location() {
    String where = "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    return endpoint == null ? where : where + " at " + endpoint;
  }

  private static String normalisePrefix(String prefix) {
    if (prefix == null) {
      return "";
    }
    String p = prefix.strip();
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** Mutable builder; defaults are those of a production server on AWS. */
  public static final class Builder {
    private final String bucket;
    private String prefix = "";
    private URI endpoint;
    private String region = DEFAULT_REGION;
    private boolean pathStyle;
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
    private Duration attemptTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofMinutes(2);
    private int maxAttempts = 8;
    private long multipartThreshold = DEFAULT_PART_SIZE;
    private int partSize = DEFAULT_PART_SIZE;
    /** null: on for AWS, off for a custom endpoint. */
    private Boolean checksums;

    private Builder(String bucket) {
      this.bucket = bucket;
    }

    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder pathStyle(boolean pathStyle) {
      this.pathStyle = pathStyle;
      return this;
    }

    public Builder maxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
      return this;
    }

    public Builder callTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Objects of at least {@code threshold} bytes go up in parts of {@code partSize}. */
    public Builder multipart(long threshold, int partSize) {
      this.multipartThreshold = threshold;
      this.partSize = partSize;
      return this;
    }

    public Builder checksums(boolean checksums) {
      this.checksums = checksums;
      return this;
    }

    public S3Settings build() {
      return new S3Settings(bucket, prefix, endpoint, region, pathStyle, maxConcurrency,
          attemptTimeout, callTimeout, maxAttempts, multipartThreshold, partSize,
          checksums != null ? checksums : endpoint == null);
    }
  }
}
