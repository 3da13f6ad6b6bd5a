package io.s3vector.storage.objectstore;

/**
 * A {@code Content-Range: bytes first-last/total} response header: which bytes a ranged GET
 * returned, so {@link S3ObjectStore} can tell a complete answer from a partial one.
 */
record ContentRange(long first, long last, long total) {

  long length() {
    return last - first + 1;
  }

  /**
   * The parsed header, or null when there is none (the server sent the whole object).
   *
   * @throws IllegalArgumentException when the header is malformed
   */
  static ContentRange parse(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    try {
      String h = header.strip();
      if (!h.startsWith("bytes ")) {
        throw new NumberFormatException();
      }
      int dash = h.indexOf('-');
      int slash = h.indexOf('/');
      return new ContentRange(
          Long.parseLong(h.substring(6, dash)),
          Long.parseLong(h.substring(dash + 1, slash)),
          Long.parseLong(h.substring(slash + 1)));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("unexpected Content-Range \"" + header + "\"", e);
    }
  }
}
