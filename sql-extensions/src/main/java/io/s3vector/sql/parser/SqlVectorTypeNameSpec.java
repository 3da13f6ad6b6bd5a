package io.s3vector.sql.parser;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/**
 * pgvector's {@code vector} or {@code vector(n)} as written in a cast or a column definition. Our
 * binder resolves it; Calcite's validator never sees it.
 */
public final class SqlVectorTypeNameSpec extends SqlTypeNameSpec {
  private final int dimension;

  /** @param dimension the declared dimension, or -1 when none was given */
  public SqlVectorTypeNameSpec(int dimension, SqlParserPos pos) {
    super(new SqlIdentifier("vector", pos), pos);
    this.dimension = dimension;
  }

  /** The declared dimension, or -1. */
  public int dimension() {
    return dimension;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator) {
    throw new UnsupportedOperationException("vector types are resolved by the binder");
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(dimension < 0 ? "VECTOR" : "VECTOR(" + dimension + ")");
  }

  @Override
  public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
    if (spec instanceof SqlVectorTypeNameSpec v && v.dimension == dimension) {
      return litmus.succeed();
    }
    return litmus.fail("{} != {}", this, spec);
  }
}
