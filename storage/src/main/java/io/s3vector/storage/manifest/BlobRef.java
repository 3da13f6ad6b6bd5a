package io.s3vector.storage.manifest;

/**
 * Where a small object written by a commit lives: inside the manifest version that committed it,
 * {@code length} bytes from {@code offset} of {@code _manifest/v<version>.json} (see {@link
 * InlineBlobs}).
 */
public record BlobRef(long version, long offset, int length) {}
