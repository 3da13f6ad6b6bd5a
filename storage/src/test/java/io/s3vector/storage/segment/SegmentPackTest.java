package io.s3vector.storage.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A pack gives back every file it was made of, byte for byte, and refuses what it is not. */
class SegmentPackTest {

  @Test
  void everyFileComesBackWhole() {
    Random random = new Random(3);
    SortedMap<String, byte[]> files = new TreeMap<>();
    files.put(".zattrs", "{\"s3vector\":{}}".getBytes(StandardCharsets.UTF_8));
    files.put("embedding/0", new byte[0]);
    files.put("ä/.zarray", "{}".getBytes(StandardCharsets.UTF_8)); // a name beyond ASCII
    byte[] large = new byte[600_000];
    random.nextBytes(large);
    files.put("embedding/1", large);
    SegmentPack pack = SegmentPack.decode("k", SegmentPack.encode(files));
    files.forEach((name, bytes) -> assertArrayEquals(bytes, pack.read(name, 0, -1), name));
    assertArrayEquals(java.util.Arrays.copyOfRange(large, 10, 30), pack.read("embedding/1", 10, 20));
    assertFalse(pack.has("missing"));
    assertThrows(StorageException.class, () -> SegmentPack.decode("k", new byte[] {1, 2, 3, 4}));
  }
}
