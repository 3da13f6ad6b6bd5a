package io.s3vector.storage.index.hnsw;

/**
 * pgvector's HNSW build parameters, with its defaults and limits.
 *
 * @param m the number of neighbours per node on the upper layers (layer 0 keeps 2m)
 * @param efConstruction the candidate list size while building
 */
public record HnswParams(int m, int efConstruction) {
  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 64;
  public static final HnswParams DEFAULTS = new HnswParams(DEFAULT_M, DEFAULT_EF_CONSTRUCTION);

  /** pgvector's bounds (hnsw.h: HNSW_MIN_M .. HNSW_MAX_EF_CONSTRUCTION). */
  public static final int MIN_M = 2;
  public static final int MAX_M = 100;
  public static final int MIN_EF_CONSTRUCTION = 4;
  public static final int MAX_EF_CONSTRUCTION = 1000;

  /** Levels above this are cut (the level of a node is about log_m(n), so 16 is never reached). */
  static final int MAX_LEVEL = 16;

  public HnswParams {
    if (m < MIN_M || m > MAX_M) {
      throw new IllegalArgumentException(
          "value " + m + " out of bounds for option \"m\"");
    }
    if (efConstruction < MIN_EF_CONSTRUCTION || efConstruction > MAX_EF_CONSTRUCTION) {
      throw new IllegalArgumentException(
          "value " + efConstruction + " out of bounds for option \"ef_construction\"");
    }
    if (efConstruction < 2 * m) {
      throw new IllegalArgumentException("ef_construction must be greater than or equal to 2 * m");
    }
  }

  /** Neighbours kept on layer 0. */
  public int m0() {
    return 2 * m;
  }

  /** The level multiplier 1/ln(m) of the HNSW paper. */
  public double levelMultiplier() {
    return 1.0 / Math.log(m);
  }
}
