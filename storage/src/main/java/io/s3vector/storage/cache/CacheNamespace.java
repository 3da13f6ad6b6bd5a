package io.s3vector.storage.cache;

/**
 * Builds the namespace that keeps two stores (buckets, prefixes, local folders) apart in one
 * shared Redis. The "s3v1" version is part of it: a change of the cached value format bumps it,
 * so old and new servers sharing a Redis simply miss each other's entries.
 */
public final class CacheNamespace {

  /** Bumped whenever the value format ({@link RangeValueCodec}) or key layout changes. */
  static final String VERSION = "s3v1";

  private CacheNamespace() {}

  /**
   * A namespace for a store identified by {@code kind} (e.g. "s3", "file") and {@code location}
   * (e.g. "bucket/prefix" or an absolute folder), such as {@code s3v1:s3:bucket/prefix}. '%' and
   * '|' are percent-escaped because '|' ends the namespace inside a Redis key.
   */
  public static String of(String kind, String location) {
    return VERSION + ':' + escape(kind) + ':' + escape(location);
  }

  /** Whether {@code namespace} can be used as is: not empty and free of '|'. */
  static boolean isValid(String namespace) {
    return namespace != null && !namespace.isEmpty() && namespace.indexOf('|') < 0;
  }

  private static String escape(String part) {
    return part.replace("%", "%25").replace("|", "%7C");
  }
}
