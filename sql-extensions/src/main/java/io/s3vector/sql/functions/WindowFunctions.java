package io.s3vector.sql.functions;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.util.Optionality;

/**
 * PostgreSQL's built-in window functions (those that are not aggregates): what each computes is
 * in {@code exec.WindowOperator}; the binder resolves their arguments and result types
 * (row_number/rank/dense_rank bigint, percent_rank/cume_dist double precision, ntile integer,
 * lag/lead/first_value/last_value/nth_value their argument's type).
 */
public final class WindowFunctions {
  private WindowFunctions() {}

  /** The window functions, by what they compute. */
  public enum Kind {
    ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, FIRST_VALUE,
    LAST_VALUE, NTH_VALUE;

    /** Whether the function reads the window frame (the others see the whole partition). */
    public boolean usesFrame() {
      return this == FIRST_VALUE || this == LAST_VALUE || this == NTH_VALUE;
    }
  }

  /** The window function of that name, or null. */
  public static Kind kind(String name) {
    return switch (name) {
      case "row_number" -> Kind.ROW_NUMBER;
      case "rank" -> Kind.RANK;
      case "dense_rank" -> Kind.DENSE_RANK;
      case "percent_rank" -> Kind.PERCENT_RANK;
      case "cume_dist" -> Kind.CUME_DIST;
      case "ntile" -> Kind.NTILE;
      case "lag" -> Kind.LAG;
      case "lead" -> Kind.LEAD;
      case "first_value" -> Kind.FIRST_VALUE;
      case "last_value" -> Kind.LAST_VALUE;
      case "nth_value" -> Kind.NTH_VALUE;
      default -> null;
    };
  }

  public static boolean isWindowFunction(String name) {
    return kind(name) != null;
  }

  /**
   * One resolved window function call's operator in a Calcite {@code Window} (which wants a
   * SqlAggFunction); aggregates used with OVER keep their {@link PgAggFunction}.
   */
  public static final class PgWindowFunction extends SqlAggFunction {
    private final Kind kind;

    public PgWindowFunction(String name, Kind kind, RelDataType resultType) {
      super(name, null, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(resultType), null, null,
          SqlFunctionCategory.USER_DEFINED_FUNCTION, false, true, Optionality.FORBIDDEN);
      this.kind = kind;
    }

    public Kind windowKind() {
      return kind;
    }
  }

  /**
   * An aggregate with FILTER (WHERE ...) used with OVER: its last operand is the condition, and
   * only rows where it is true are aggregated.
   */
  public static final class FilteredAggregate extends SqlAggFunction {
    private final PgAggFunction aggregate;

    public FilteredAggregate(PgAggFunction aggregate) {
      super(aggregate.getName(), null, SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(aggregate.resultType()), null,
          null, SqlFunctionCategory.USER_DEFINED_FUNCTION, false, false, Optionality.FORBIDDEN);
      this.aggregate = aggregate;
    }

    public PgAggFunction aggregate() {
      return aggregate;
    }
  }
}
