package io.s3vector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fashion-MNIST (Zalando Research, MIT) as Debian's package {@code dataset-fashion-mnist} installs
 * it: the original IDX files under {@code /usr/share/datasets/fashion-mnist/}. The base rows are
 * the 60,000 training images in file order (row id = position), the queries the first test
 * images: the same vectors ann-benchmarks calls {@code fashion-mnist-784-euclidean}.
 */
public final class FashionMnist {
  /** Where Debian's package puts the files. */
  public static final Path DEBIAN_FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  static final String INSTALL =
      "apt-get install dataset-fashion-mnist (or run .ci/install-deps, which installs it when missing)";

  private FashionMnist() {}

  /**
   * The folder to read: the system property {@code s3vector.fashion-mnist}, else the environment
   * variable {@code S3VECTOR_FASHION_MNIST}, else Debian's folder.
   */
  public static Path defaultFolder() {
    String dir = System.getProperty("s3vector.fashion-mnist");
    if (dir == null) {
      dir = System.getenv("S3VECTOR_FASHION_MNIST");
    }
    return dir == null ? DEBIAN_FOLDER : Path.of(dir);
  }

  /** The folder, checked to hold both image files; the error names the command that installs them. */
  public static Path require(Path folder) throws IOException {
    for (String file : new String[] {TRAIN_IMAGES, TEST_IMAGES}) {
      if (!Files.isRegularFile(folder.resolve(file))) {
        throw new IOException("Fashion-MNIST is missing: " + folder.resolve(file)
            + " does not exist; install Debian's package: " + INSTALL);
      }
    }
    return folder;
  }

  /** The first {@code rows} training images (all 60,000 when rows &lt; 0). */
  public static float[][] base(Path folder, int rows) throws IOException {
    return IdxImages.read(require(folder).resolve(TRAIN_IMAGES), rows);
  }

  /** The first {@code count} test images, the queries. */
  public static float[][] queries(Path folder, int count) throws IOException {
    return IdxImages.read(require(folder).resolve(TEST_IMAGES), count);
  }
}
