package io.s3vector.storage.objectstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads one large object in parts, all in flight at once (the HTTP client's connection limit
 * bounds them), so a big segment array goes up at the bandwidth of several connections and a
 * failed part is retried alone. A failed upload is aborted, so its parts are not billed forever.
 */
final class S3MultipartPut {

  private static final Logger LOG = LoggerFactory.getLogger(S3MultipartPut.class);

  private S3MultipartPut() {}

  /** Uploads {@code data} as {@code bucket/s3Key} in parts of {@code partSize} bytes. */
  static CompletableFuture<Void> upload(
      S3AsyncClient client, String bucket, String s3Key, byte[] data, int partSize) {
    return client
        .createMultipartUpload(r -> r.bucket(bucket).key(s3Key))
        .thenCompose(
            created -> {
              String uploadId = created.uploadId();
              return uploadParts(client, bucket, s3Key, uploadId, data, partSize)
                  .thenCompose(
                      parts ->
                          client.completeMultipartUpload(
                              r -> r.bucket(bucket).key(s3Key).uploadId(uploadId)
                                  .multipartUpload(m -> m.parts(parts))))
                  .<Void>thenApply(done -> null)
                  .whenComplete(
                      (ok, failure) -> {
                        if (failure != null) {
                          abort(client, bucket, s3Key, uploadId);
                        }
                      });
            });
  }

  private static CompletableFuture<List<CompletedPart>> uploadParts(
      S3AsyncClient client, String bucket, String s3Key, String uploadId, byte[] data, int partSize) {
    List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
    for (int offset = 0, number = 1; offset < data.length; offset += partSize, number++) {
      int length = Math.min(partSize, data.length - offset);
      int partNumber = number;
      // A view of the caller's array, not a copy (the array is not changed while put() runs).
      // slice(): the SDK reads such a buffer from index 0, not from its position.
      AsyncRequestBody body = AsyncRequestBody.fromByteBufferUnsafe(ByteBuffer.wrap(data, offset, length).slice());
      parts.add(
          client
              .uploadPart(
                  r -> r.bucket(bucket).key(s3Key).uploadId(uploadId).partNumber(partNumber)
                      .contentLength((long) length),
                  body)
              .thenApply(
                  uploaded ->
                      CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag())
                          .checksumCRC32(uploaded.checksumCRC32()).build()));
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
        .thenApply(all -> parts.stream().map(CompletableFuture::join).toList());
  }

  private static void abort(S3AsyncClient client, String bucket, String s3Key, String uploadId) {
    client
        .abortMultipartUpload(r -> r.bucket(bucket).key(s3Key).uploadId(uploadId))
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                // a lifecycle rule for incomplete uploads cleans up what is left
                LOG.warn("could not abort the multipart upload of \"{}\": {}", s3Key,
                    S3Errors.unwrap(failure).getMessage());
              }
            });
  }
}
