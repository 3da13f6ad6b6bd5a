package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;

/**
 * What an S3 failure means to {@link S3ObjectStore}, and the {@link StorageException} it becomes.
 * Every message names the object key, so an error reaching a client (SQLSTATE 58030) says which
 * object could not be read or written.
 */
final class S3Errors {

  private S3Errors() {}

  /** The failure itself, without the wrappers that futures add. */
  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  static int status(Throwable t) {
    return unwrap(t) instanceof AwsServiceException e ? e.statusCode() : -1;
  }

  /** 404 for the object; a missing bucket is a failure, never an empty answer. */
  static boolean isNotFound(Throwable t) {
    return status(t) == 404 && !"NoSuchBucket".equals(errorCode(t));
  }

  private static String errorCode(Throwable t) {
    return unwrap(t) instanceof AwsServiceException e && e.awsErrorDetails() != null
        ? e.awsErrorDetails().errorCode()
        : null;
  }

  /** 412: an {@code If-None-Match: *} write found the key taken. */
  static boolean isPreconditionFailed(Throwable t) {
    return status(t) == 412;
  }

  /** 416: a range starting at or after the end of the object. */
  static boolean isInvalidRange(Throwable t) {
    return status(t) == 416;
  }

  /**
   * 409 ConditionalRequestConflict: S3 was completing another conditional write of the same key;
   * AWS says to retry, and the retry answers 412 or succeeds.
   */
  static boolean isConditionalConflict(Throwable t) {
    return status(t) == 409;
  }

  /** {@code action} ("read", "write", ...) of {@code key} failed; the message says how. */
  static StorageException failure(String action, String key, Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof StorageException e) {
      return e;
    }
    return new StorageException("could not " + action + " object \"" + key + "\": " + describe(cause), cause);
  }

  private static String describe(Throwable t) {
    if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      return e.statusCode() + " " + e.awsErrorDetails().errorCode() + " (" + e.awsErrorDetails().errorMessage() + ")";
    }
    if (t instanceof ApiCallTimeoutException) {
      return "timed out: " + t.getMessage();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /**
   * Waits for {@code future} and returns its value; a failure becomes a StorageException thrown
   * on the calling thread (so its stack shows the caller, its cause the asynchronous failure).
   */
  static <T> T await(CompletableFuture<T> future, String action, String key) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting to " + action + " object \"" + key + "\"", e);
    } catch (ExecutionException | CancellationException e) {
      StorageException failure = failure(action, key, e);
      throw new StorageException(failure.getMessage(), failure);
    }
  }
}
