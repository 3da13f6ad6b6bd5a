package io.s3vector.sql.bind;

import io.s3vector.sql.types.PgType;
import org.apache.calcite.rel.type.RelDataTypeImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A PostgreSQL type Calcite has no type for: pgvector's {@code vector(n)}, {@code json}, {@code
 * jsonb}, {@code oid}, and {@code unknown} (an untyped {@code $n} before its context gives it a
 * type). Calcite only carries it through RelNodes; our binder and executor give it meaning.
 */
public final class PgRelType extends RelDataTypeImpl {
  private final PgType pgType;
  private final int typmod;
  /** A name that differs from the wire type's, e.g. regtype (sent to clients as oid). */
  private final String label;

  PgRelType(PgType pgType, int typmod) {
    this(pgType, typmod, null);
  }

  PgRelType(PgType pgType, int typmod, String label) {
    this.pgType = pgType;
    this.typmod = typmod;
    this.label = label;
    computeDigest();
  }

  /** The alias type name (e.g. "regtype"), or null. */
  public String label() {
    return label;
  }

  public PgType pgType() {
    return pgType;
  }

  /** The type modifier: a vector's dimension, else -1. */
  public int typmod() {
    return typmod;
  }

  @Override
  public SqlTypeName getSqlTypeName() {
    return SqlTypeName.OTHER;
  }

  @Override
  public boolean isNullable() {
    return true;
  }

  @Override
  protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    sb.append((label != null ? label : pgType.name()).toUpperCase(java.util.Locale.ROOT));
    if (typmod >= 0) {
      sb.append('(').append(typmod).append(')');
    }
  }
}
