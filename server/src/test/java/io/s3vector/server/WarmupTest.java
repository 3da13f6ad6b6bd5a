package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WarmupTest {

  private static long scratchFolders() throws IOException {
    try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmp.filter(p -> p.getFileName().toString().startsWith("s3vector-warmup")).count();
    }
  }

  @Test
  void runsEveryStatementOnAScratchDatabaseAndLeavesNothingBehind() throws IOException {
    long before = scratchFolders();
    Warmup.runStatements(); // throws if any statement fails

    assertEquals(before, scratchFolders(), "the scratch folder is deleted");
  }
}
