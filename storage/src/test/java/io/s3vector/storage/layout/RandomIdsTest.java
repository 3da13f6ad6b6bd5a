package io.s3vector.storage.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ids are version-4 UUIDs in their usual text form, and distinct. */
class RandomIdsTest {

  @Test
  void idsAreVersionFourUuidsAndDistinct() {
    Set<String> seen = new HashSet<>();
    int[] ones = new int[128];
    for (int i = 0; i < 10_000; i++) {
      String id = RandomIds.uuid();
      UUID parsed = UUID.fromString(id);
      assertEquals(id, parsed.toString());
      assertEquals(4, parsed.version());
      assertEquals(2, parsed.variant());
      assertTrue(seen.add(id), "repeated " + id);
      for (int b = 0; b < 64; b++) {
        ones[b] += (int) ((parsed.getMostSignificantBits() >>> b) & 1);
        ones[64 + b] += (int) ((parsed.getLeastSignificantBits() >>> b) & 1);
      }
    }
    // every random bit is set about half the time (the fixed version and variant bits aside)
    int random = 0;
    for (int count : ones) {
      if (count > 4_500 && count < 5_500) {
        random++;
      }
    }
    assertEquals(122, random);
  }
}
