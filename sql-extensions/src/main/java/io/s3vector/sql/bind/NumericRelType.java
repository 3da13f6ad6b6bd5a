package io.s3vector.sql.bind;

import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code numeric(precision, scale)}: a decimal to Calcite and to every numeric operator and
 * function (they see {@link SqlTypeName#DECIMAL}, as for unconstrained {@code numeric}), with
 * PostgreSQL's type modifier kept for assignment (values rounded to the scale, 22003 when they do
 * not fit) and for the catalogs. Its own class because PostgreSQL allows precisions up to 1000 and
 * negative scales, which Calcite's DECIMAL does not.
 */
public final class NumericRelType extends RelDataTypeImpl {
  public static final int MAX_PRECISION = 1000;
  public static final int MIN_SCALE = -1000;
  public static final int MAX_SCALE = 1000;

  private final int precision;
  private final int scale;

  NumericRelType(int precision, int scale) {
    this.precision = precision;
    this.scale = scale;
    computeDigest();
  }

  /** The type of {@code typmod} (PostgreSQL's atttypmod of a numeric column, at least 4). */
  static NumericRelType ofTypmod(int typmod) {
    return new NumericRelType(precisionOf(typmod), scaleOf(typmod));
  }

  /** The precision a numeric typmod packs. */
  public static int precisionOf(int typmod) {
    return ((typmod - 4) >> 16) & 0xffff;
  }

  /** The scale a numeric typmod packs: the low 11 bits, sign-extended (numeric_typmod_scale). */
  public static int scaleOf(int typmod) {
    return (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
  }

  /** PostgreSQL's atttypmod: {@code ((precision << 16) | (scale & 0x7ff)) + 4}. */
  public int typmod() {
    return ((precision << 16) | (scale & 0x7ff)) + 4;
  }

  @Override
  public int getPrecision() {
    return precision;
  }

  @Override
  public int getScale() {
    return scale;
  }

  @Override
  public SqlTypeName getSqlTypeName() {
    return SqlTypeName.DECIMAL;
  }

  @Override
  public SqlTypeFamily getFamily() {
    return SqlTypeFamily.NUMERIC;
  }

  @Override
  public boolean isNullable() {
    return true;
  }

  @Override
  protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    sb.append("NUMERIC(").append(precision).append(", ").append(scale).append(')');
  }
}
