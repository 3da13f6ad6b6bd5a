package io.s3vector.sql.functions;

import io.s3vector.storage.vector.DistanceKernels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distance kernels in use: the storage module's {@code VectorizationProvider} (SIMD with its
 * own scalar fallback) when present on the class path, else {@link ScalarKernels}. Looked up
 * reflectively so this module does not break while storage evolves.
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static final DistanceKernels KERNELS = find();

  private Kernels() {}

  public static DistanceKernels get() {
    return KERNELS;
  }

  private static DistanceKernels find() {
    try {
      Class<?> provider = Class.forName("io.s3vector.storage.vector.VectorizationProvider");
      Object k = provider.getMethod("kernels").invoke(null);
      if (k instanceof DistanceKernels kernels) {
        return kernels;
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("storage VectorizationProvider not available, using scalar kernels: {}", e.toString());
    }
    return ScalarKernels.INSTANCE;
  }
}
