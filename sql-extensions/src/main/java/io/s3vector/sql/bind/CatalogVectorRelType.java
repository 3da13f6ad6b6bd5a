package io.s3vector.sql.bind;

import io.s3vector.sql.types.CatalogVectorType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.ArraySqlType;

/**
 * {@code int2vector} and {@code oidvector} in plans: an array to Calcite and to every array
 * function ({@code unnest}, {@code = ANY}, {@code array_length}), but a type of its own on the wire
 * (OID 22 or 30, space-separated text) and with subscripts from 0, as in PostgreSQL.
 */
public final class CatalogVectorRelType extends ArraySqlType {
  private final CatalogVectorType pgType;

  CatalogVectorRelType(CatalogVectorType pgType, RelDataType element) {
    super(element, true);
    this.pgType = pgType;
    computeDigest();
  }

  public CatalogVectorType pgType() {
    return pgType;
  }

  @Override
  protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    // a digest of its own, so that it is never taken for (or canonicalised into) smallint[];
    // the array type's constructor asks before pgType is set (the constructor asks again)
    if (pgType == null) {
      super.generateTypeString(sb, withDetail);
    } else {
      sb.append(pgType.name().toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** The first subscript of arrays of {@code type}: 0 for int2vector and oidvector, else 1. */
  public static int lowerBound(RelDataType type) {
    return type instanceof CatalogVectorRelType ? 0 : 1;
  }
}
