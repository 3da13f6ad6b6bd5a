package io.s3vector.storage.vector;

/**
 * The inner loops of {@link ScalarQuantizer}'s prepared-query distances over int8 codes, with the
 * query already moved next to the code domain ({@link ScalarQuantizer.Query}): per dimension
 * {@code decoded = min + (code + 128) * step}, so
 *
 * <ul>
 *   <li>L2 and L1: with {@code shifted[d] = query[d] - min[d] - 128 * step[d]}, the difference is
 *       {@code shifted[d] - code * step[d]} (one FMA with {@code negStep = -step});
 *   <li>inner product: {@code sum query * decoded = constant + sum (query * step)[d] * code}, with
 *       the constant {@code sum query * (min + 128 * step)} taken once per query.
 * </ul>
 *
 * One scalar reference ({@link ScalarCodeKernels}) and one on the Vector API ({@link
 * PanamaCodeKernels}); {@link VectorizationProvider#codeKernels()} picks one.
 */
interface CodeKernels {

  /** {@code sum (shifted[d] + code[d] * negStep[d])²}. */
  float squaredL2(float[] shifted, float[] negStep, byte[] codes, int at, int dim);

  /** {@code sum |shifted[d] + code[d] * negStep[d]|}. */
  float l1(float[] shifted, float[] negStep, byte[] codes, int at, int dim);

  /** {@code sum scaled[d] * code[d]}. */
  float dot(float[] scaled, byte[] codes, int at, int dim);

  /** {@link #squaredL2} over a row of 6-bit codes as {@link SixBitCodes} packs it. */
  float squaredL2SixBit(float[] shifted, float[] negStep, byte[] packed, int at, int dim);

  /** {@link #l1} over a row of 6-bit codes as {@link SixBitCodes} packs it. */
  float l1SixBit(float[] shifted, float[] negStep, byte[] packed, int at, int dim);

  /** {@link #dot} over a row of 6-bit codes as {@link SixBitCodes} packs it. */
  float dotSixBit(float[] scaled, byte[] packed, int at, int dim);
}
