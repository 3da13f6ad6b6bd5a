package io.s3vector.storage.vector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the distance kernels once, and logs one line saying which: the Vector API ones when the
 * JVM was started with {@code --add-modules jdk.incubator.vector} and the CPU's preferred SIMD
 * registers hold at least {@link #MIN_LANES} floats, else the scalar ones. {@code
 * -Ds3vector.vector.scalar=true} ({@link #SCALAR_PROPERTY}) forces the scalar kernels.
 */
public final class VectorizationProvider {

  private static final Logger LOG = LoggerFactory.getLogger(VectorizationProvider.class);
  static final String MODULE = "jdk.incubator.vector";
  /**
   * The system property that forces the scalar kernels (read once, when the kernels are first
   * used): to rule the SIMD kernels out when results differ from pgvector's in the last bits, or
   * to measure what they bring.
   */
  public static final String SCALAR_PROPERTY = "s3vector.vector.scalar";
  /**
   * Fewer floats per register than this (64-bit SIMD, or none, where the JVM falls back to a
   * one-lane species) and the Vector API's loops lose to plain scalar loops, as Lucene found.
   */
  static final int MIN_LANES = 4;

  private VectorizationProvider() {}

  private static final class Holder {
    static final DistanceKernels KERNELS = choose(Boolean.getBoolean(SCALAR_PROPERTY));
  }

  /** The kernels for this JVM. */
  public static DistanceKernels kernels() {
    return Holder.KERNELS;
  }

  private static final class CodeHolder {
    static final CodeKernels CODE_KERNELS = chooseCodeKernels(vectorized());
  }

  /**
   * The int8 code kernels of {@link ScalarQuantizer.Query}: the Vector API ones when {@link
   * #kernels()} are and a float register has 8 or 16 lanes (a byte vector of as many lanes
   * exists), else the scalar ones; no log line of their own.
   */
  static CodeKernels codeKernels() {
    return CodeHolder.CODE_KERNELS;
  }

  static CodeKernels chooseCodeKernels(boolean vectorized) {
    if (!vectorized) {
      return ScalarCodeKernels.INSTANCE;
    }
    try {
      if (!PanamaCodeKernels.supported()) {
        return ScalarCodeKernels.INSTANCE;
      }
      PanamaCodeKernels kernels = new PanamaCodeKernels();
      kernels.dot(new float[1], new byte[1], 0, 1); // loads the classes now
      return kernels;
    } catch (LinkageError | RuntimeException e) {
      LOG.warn("int8 code kernels: scalar. The Java Vector API could not be used ({})",
          e.toString());
      return ScalarCodeKernels.INSTANCE;
    }
  }

  /** Whether {@link #kernels()} are the Vector API ones. */
  public static boolean vectorized() {
    return kernels() instanceof PanamaKernels;
  }

  static DistanceKernels choose(boolean forceScalar) {
    if (forceScalar) {
      LOG.info("Distance kernels: scalar, forced by -D{}=true", SCALAR_PROPERTY);
      return ScalarKernels.INSTANCE;
    }
    // PanamaKernels is only touched once the module is known readable: loading it earlier would
    // fail with a NoClassDefFoundError for jdk.incubator.vector
    if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
      LOG.warn("Distance kernels: scalar. The Java Vector API is not enabled: add --add-modules {}"
          + " to the java command for faster vector distances", MODULE);
      return ScalarKernels.INSTANCE;
    }
    try {
      int lanes = PanamaKernels.lanes();
      if (!wideEnough(lanes)) {
        LOG.info("Distance kernels: scalar, the preferred SIMD width is {} bits ({} floats),"
            + " too narrow for the Vector API to pay", 32 * lanes, lanes);
        return ScalarKernels.INSTANCE;
      }
      PanamaKernels kernels = new PanamaKernels();
      kernels.squaredL2(new float[1], 0, new float[1], 0, 1); // loads the Vector API classes now
      LOG.info("Distance kernels: Vector API, {}-bit vectors ({} floats per register)",
          32 * lanes, lanes);
      return kernels;
    } catch (LinkageError | RuntimeException e) {
      LOG.warn("Distance kernels: scalar. The Java Vector API could not be used ({})",
          e.toString());
      return ScalarKernels.INSTANCE;
    }
  }

  /** Whether registers of {@code lanes} floats make the Vector API kernels worth it. */
  static boolean wideEnough(int lanes) {
    return lanes >= MIN_LANES;
  }
}
