package io.s3vector.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reader of the IDX image files MNIST and Fashion-MNIST ship in (optionally gzip-compressed): a
 * big-endian header (magic {@code 0x00000803}: unsigned bytes, three dimensions; then the image
 * count, rows and columns), followed by the pixels row-major, one unsigned byte each. Each image
 * becomes one float vector of {@code rows × columns} values in 0–255, as ann-benchmarks' copy of
 * the data has them.
 */
public final class IdxImages {
  private static final int MAGIC_UBYTE_3D = 0x0000_0803;

  private IdxImages() {}

  /** The first {@code limit} images of the file (all when limit &lt; 0). */
  public static float[][] read(Path file, int limit) throws IOException {
    try (DataInputStream in = VectorFiles.open(file)) {
      int magic = in.readInt();
      if (magic != MAGIC_UBYTE_3D) {
        throw new IOException(String.format(
            "%s is not an IDX file of unsigned-byte images (magic 0x%08x)", file, magic));
      }
      int count = in.readInt();
      int dim = Math.multiplyExact(in.readInt(), in.readInt());
      int n = limit < 0 ? count : Math.min(limit, count);
      float[][] images = new float[n][dim];
      byte[] pixels = new byte[dim];
      for (float[] image : images) {
        in.readFully(pixels);
        for (int i = 0; i < dim; i++) {
          image[i] = pixels[i] & 0xff;
        }
      }
      return images;
    }
  }
}
