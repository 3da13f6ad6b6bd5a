package io.s3vector.sql.functions;

import io.s3vector.storage.vector.DistanceKernels;
import io.s3vector.storage.vector.VectorizationProvider;

/**
 * The distance kernels for scans: the storage module's choice (Vector API when readable, else
 * its scalar fallback). Expression evaluation of single distances uses {@link ScalarKernels},
 * which sums in pgvector's order so that printed distances match pgvector exactly.
 */
public final class Kernels {
  private Kernels() {}

  public static DistanceKernels get() {
    return VectorizationProvider.kernels();
  }
}
