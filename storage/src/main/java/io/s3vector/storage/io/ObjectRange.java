package io.s3vector.storage.io;

import java.util.Objects;

/**
 * A byte range of one object in a store: {@code length} bytes from {@code offset}, or the whole
 * object ({@link #whole}: offset 0, length -1). A range read may return fewer bytes than
 * {@code length} when the object is shorter, exactly as {@code ObjectStore.getRange} does; a
 * cached value is whatever the store returned for this range.
 *
 * @param objectKey the object's '/'-separated key in its store
 * @param offset the first byte, 0 or more
 * @param length the byte count, 0 or more, or {@link #WHOLE} for the whole object
 */
public record ObjectRange(String objectKey, long offset, int length) {

  /** The {@code length} of a whole-object key. */
  public static final int WHOLE = -1;

  public ObjectRange {
    Objects.requireNonNull(objectKey, "objectKey");
    if (objectKey.isEmpty()) {
      throw new IllegalArgumentException("empty object key");
    }
    if (offset < 0 || length < WHOLE) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + objectKey);
    }
    if (length == WHOLE && offset != 0) {
      // one spelling per whole object, so two readers never cache it under two keys
      throw new IllegalArgumentException("a whole object starts at 0, not " + offset);
    }
  }

  public static ObjectRange whole(String objectKey) {
    return new ObjectRange(objectKey, 0, WHOLE);
  }

  public static ObjectRange range(String objectKey, long offset, int length) {
    return new ObjectRange(objectKey, offset, length);
  }

  public boolean isWhole() {
    return length == WHOLE;
  }

  /** The byte after the range (exclusive); only for a range, not a whole object. */
  public long end() {
    return offset + length;
  }
}
