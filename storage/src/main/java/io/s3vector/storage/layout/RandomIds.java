package io.s3vector.storage.layout;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for the names a commit makes: its segment or pack, its commit id, a
 * deletion set. {@link UUID#randomUUID()} reads the operating system's generator under a lock at
 * every call (two or three calls per single-row INSERT); here each thread has its own DRBG
 * generator, seeded from it once. The names must stay unique across every server writing to a
 * bucket for as long as the bucket lives, so they keep a cryptographic generator's 122 random
 * bits rather than a fast generator's 64 bits of state.
 */
public final class RandomIds {

  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  });

  private RandomIds() {}

  public static String uuid() {
    byte[] bytes = new byte[16];
    RANDOM.get().nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xff);
      low = (low << 8) | (bytes[8 + i] & 0xff);
    }
    return new UUID(high, low).toString();
  }
}
