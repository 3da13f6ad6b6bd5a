package io.s3vector.sql.functions;

import java.util.function.Supplier;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.util.Optionality;

/** One resolved aggregate (e.g. {@code sum(integer)} returning bigint) with its accumulator. */
public final class PgAggFunction extends SqlAggFunction {

  /** Running state of one aggregate over one group. */
  public interface Accumulator {
    /** Adds one input row's arguments (empty for count(*)). */
    void add(Object[] args);

    Object result();
  }

  private final Supplier<Accumulator> accumulators;
  private final boolean skipsNulls;
  private final RelDataType resultType;

  /**
   * @param skipsNulls whether rows with a NULL argument are ignored (every aggregate but
   *     count(*))
   */
  public PgAggFunction(
      String name, RelDataType resultType, boolean skipsNulls, Supplier<Accumulator> accumulators) {
    super(name, null, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(resultType), null, null,
        SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN);
    this.accumulators = accumulators;
    this.skipsNulls = skipsNulls;
    this.resultType = resultType;
  }

  public RelDataType resultType() {
    return resultType;
  }

  public Accumulator newAccumulator() {
    return accumulators.get();
  }

  public boolean skipsNulls() {
    return skipsNulls;
  }
}
