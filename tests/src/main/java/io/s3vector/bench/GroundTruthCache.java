package io.s3vector.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Exact ground truth ({@link BruteForce}: nearest first, ties by the lower row id) computed the
 * first time it is asked for and kept as an .ivecs file in the build folder, so later test runs
 * and benchmarks start at once. A file is named by the sizes, k, the metric and a fingerprint of
 * every base and query value, so changed data never meets a stale answer.
 */
public final class GroundTruthCache {
  private final Path folder;

  public GroundTruthCache(Path folder) {
    this.folder = folder;
  }

  /**
   * The cache beside the compiled code: {@code tests/target/ground-truth} whether this runs from
   * {@code target/classes} (tests) or {@code target/s3vector-tests.jar} (the bench).
   */
  public static GroundTruthCache inBuildFolder() {
    try {
      Path code = Path.of(GroundTruthCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new GroundTruthCache(code.getParent().resolve("ground-truth"));
    } catch (URISyntaxException | RuntimeException e) {
      return new GroundTruthCache(Path.of(System.getProperty("java.io.tmpdir"), "s3vector-ground-truth"));
    }
  }

  public Path folder() {
    return folder;
  }

  /** The k nearest base rows of every query, from the cache or computed (and then cached). */
  public int[][] topK(String name, float[][] base, float[][] queries, int k, Metric metric) {
    Path file = folder.resolve(String.format("%s-%dx%d-q%d-k%d-%s-%016x.ivecs", name, base.length,
        base[0].length, queries.length, k, metric.name().toLowerCase(Locale.ROOT),
        fingerprint(base, queries)));
    int expectedWidth = Math.min(k, base.length);
    if (Files.isRegularFile(file)) {
      try {
        int[][] cached = VectorFiles.readIvecs(file, -1);
        if (cached.length == queries.length && cached.length > 0 && cached[0].length == expectedWidth) {
          return cached;
        }
      } catch (IOException e) {
        // unreadable (e.g. cut short by a killed run): computed again below
      }
    }
    int[][] truth = BruteForce.topK(base, queries, k, metric);
    write(file, truth);
    return truth;
  }

  /** A 64-bit hash of every float's bits, in order. */
  static long fingerprint(float[][] base, float[][] queries) {
    long h = 0xcbf29ce484222325L;
    for (float[][] set : new float[][][] {base, queries}) {
      for (float[] v : set) {
        for (float x : v) {
          h = (h ^ Float.floatToRawIntBits(x)) * 0x100000001b3L;
        }
        h = (h ^ v.length) * 0x100000001b3L;
      }
    }
    return h;
  }

  /** Written to a temporary file first and moved into place, so readers never see half a file. */
  private void write(Path file, int[][] truth) {
    try {
      Files.createDirectories(folder);
      Path tmp = Files.createTempFile(folder, ".ground-truth", ".tmp");
      VectorFiles.writeIvecs(tmp, truth);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache ground truth in " + folder, e);
    }
  }
}
