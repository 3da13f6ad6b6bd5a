package io.s3vector.sql.functions;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code gcd(a, b)} and {@code lcm(a, b)} as PostgreSQL computes them: never negative, {@code
 * gcd(0, 0) = 0} and {@code lcm(x, 0) = 0}; a result the type cannot hold ({@code gcd} of the
 * type's minimum and 0, most {@code lcm} overflows) is 22003.
 */
final class GcdLcm {

  private GcdLcm() {}

  /** {@code rank}: 1 integer, 2 bigint, 3 numeric (PgRelTypes.numericRank). */
  static Object apply(Object x, Object y, boolean gcd, int rank) {
    if (rank == 3) {
      return numeric((BigDecimal) x, (BigDecimal) y, gcd);
    }
    BigInteger a = BigInteger.valueOf(((Number) x).longValue());
    BigInteger b = BigInteger.valueOf(((Number) y).longValue());
    BigInteger result = gcd ? a.gcd(b) : lcm(a, b);
    if (rank == 1) {
      if (result.bitLength() > 31) {
        throw Casts.outOfRange("integer");
      }
      return result.intValue();
    }
    if (result.bitLength() > 63) {
      throw Casts.outOfRange("bigint");
    }
    return result.longValue();
  }

  private static BigInteger lcm(BigInteger a, BigInteger b) {
    if (a.signum() == 0 || b.signum() == 0) {
      return BigInteger.ZERO;
    }
    return a.divide(a.gcd(b)).multiply(b).abs();
  }

  private static BigDecimal numeric(BigDecimal x, BigDecimal y, boolean gcd) {
    // PostgreSQL's numeric gcd works on whole and fractional values alike (gcd(2.4, 0.6) = 0.6):
    // scale both to integers at the larger scale, and back
    int scale = Math.max(Math.max(x.scale(), y.scale()), 0);
    BigInteger a = x.setScale(scale).unscaledValue();
    BigInteger b = y.setScale(scale).unscaledValue();
    // gcd and lcm of a/10^s and b/10^s are those of a and b, over 10^s
    return new BigDecimal(gcd ? a.gcd(b) : lcm(a, b), scale);
  }
}
