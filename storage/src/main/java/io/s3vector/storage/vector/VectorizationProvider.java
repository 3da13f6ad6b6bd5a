package io.s3vector.storage.vector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the distance kernels once: the Vector API ones when the JVM was started with {@code
 * --add-modules jdk.incubator.vector}, else the scalar ones, with one warning line saying which
 * flag to add.
 */
public final class VectorizationProvider {

  private static final Logger LOG = LoggerFactory.getLogger(VectorizationProvider.class);
  static final String MODULE = "jdk.incubator.vector";

  private VectorizationProvider() {}

  private static final class Holder {
    static final DistanceKernels KERNELS = choose();
  }

  /** The kernels for this JVM. */
  public static DistanceKernels kernels() {
    return Holder.KERNELS;
  }

  /** Whether {@link #kernels()} are the Vector API ones. */
  public static boolean vectorized() {
    return kernels() instanceof PanamaKernels;
  }

  private static DistanceKernels choose() {
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      LOG.warn("The Java Vector API is not enabled: add --add-modules {} to the java command for"
          + " faster vector distances; using scalar kernels", MODULE);
      return ScalarKernels.INSTANCE;
    }
    try {
      PanamaKernels kernels = new PanamaKernels();
      kernels.squaredL2(new float[1], 0, new float[1], 0, 1); // loads the Vector API classes now
      return kernels;
    } catch (LinkageError | RuntimeException e) {
      LOG.warn("The Java Vector API could not be used ({}); using scalar kernels", e.toString());
      return ScalarKernels.INSTANCE;
    }
  }
}
