package io.s3vector.storage.vector;

/** The reference {@link CodeKernels}: plain loops, summed in dimension order. */
final class ScalarCodeKernels implements CodeKernels {

  static final ScalarCodeKernels INSTANCE = new ScalarCodeKernels();

  private ScalarCodeKernels() {}

  @Override
  public float squaredL2(float[] shifted, float[] negStep, byte[] codes, int at, int dim) {
    float sum = 0;
    for (int d = 0; d < dim; d++) {
      float diff = Math.fma(codes[at + d], negStep[d], shifted[d]);
      sum = Math.fma(diff, diff, sum);
    }
    return sum;
  }

  @Override
  public float l1(float[] shifted, float[] negStep, byte[] codes, int at, int dim) {
    float sum = 0;
    for (int d = 0; d < dim; d++) {
      sum += Math.abs(Math.fma(codes[at + d], negStep[d], shifted[d]));
    }
    return sum;
  }

  @Override
  public float dot(float[] scaled, byte[] codes, int at, int dim) {
    float sum = 0;
    for (int d = 0; d < dim; d++) {
      sum = Math.fma(scaled[d], codes[at + d], sum);
    }
    return sum;
  }

  @Override
  public float squaredL2SixBit(float[] shifted, float[] negStep, byte[] packed, int at, int dim) {
    float sum = 0;
    for (int d = 0; d < dim; d++) {
      float diff = Math.fma(SixBitCodes.code(packed, at, dim, d), negStep[d], shifted[d]);
      sum = Math.fma(diff, diff, sum);
    }
    return sum;
  }

  @Override
  public float l1SixBit(float[] shifted, float[] negStep, byte[] packed, int at, int dim) {
    float sum = 0;
    for (int d = 0; d < dim; d++) {
      sum += Math.abs(Math.fma(SixBitCodes.code(packed, at, dim, d), negStep[d], shifted[d]));
    }
    return sum;
  }

  @Override
  public float dotSixBit(float[] scaled, byte[] packed, int at, int dim) {
    float sum = 0;
    for (int d = 0; d < dim; d++) {
      sum = Math.fma(scaled[d], SixBitCodes.code(packed, at, dim, d), sum);
    }
    return sum;
  }
}
