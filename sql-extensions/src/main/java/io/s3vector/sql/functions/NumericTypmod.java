package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** PostgreSQL's apply_typmod for {@code numeric(precision, scale)}. */
final class NumericTypmod {
  private NumericTypmod() {}

  /**
   * {@code value} rounded half away from zero to the scale of {@code typmod}; 22003 {@code numeric
   * field overflow} when it then has more digits before the point than precision - scale.
   */
  static BigDecimal apply(BigDecimal value, int typmod) {
    int precision = io.s3vector.sql.bind.NumericRelType.precisionOf(typmod);
    int scale = io.s3vector.sql.bind.NumericRelType.scaleOf(typmod);
    BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
    int maxDigits = precision - scale;
    // digits before the point of a nonzero value (negative below 0.1): 0.05 has -1
    if (rounded.signum() != 0 && rounded.precision() - rounded.scale() > maxDigits) {
      throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow",
          "A field with precision " + precision + ", scale " + scale
              + " must round to an absolute value less than "
              + (maxDigits != 0 ? "10^" + maxDigits : "1") + ".", null, 0, null);
    }
    return rounded;
  }
}
