package io.s3vector.sql.parser;

import io.s3vector.storage.vector.DistanceMetric;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * pgvector's distance operators as Calcite operators. PostgreSQL gives every operator that is not
 * built into its grammar ("any other operator") one precedence between comparison and {@code +}/
 * {@code -}; in Calcite's scale comparison is 30 and additive 40, so 36 (Calcite needs even precedences), left-associative: {@code
 * a <-> b < 5} is {@code (a <-> b) < 5} and {@code a <-> b + c} is {@code a <-> (b + c)}.
 */
public final class PgOperators {
  public static final int OTHER_OPERATOR_PRECEDENCE = 36;

  public static final SqlBinaryOperator L2_DISTANCE = distance("<->");
  public static final SqlBinaryOperator NEGATIVE_INNER_PRODUCT = distance("<#>");
  public static final SqlBinaryOperator COSINE_DISTANCE = distance("<=>");
  public static final SqlBinaryOperator L1_DISTANCE = distance("<+>");

  private static final java.util.Map<String, SqlBinaryOperator> GENERIC =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * {@code x AT TIME ZONE zone}: resolved by name like the generic operators; PostgreSQL binds it
   * tighter than {@code ^} and looser than unary minus.
   */
  public static final SqlBinaryOperator AT_TIME_ZONE = GENERIC.computeIfAbsent("AT TIME ZONE",
      n -> new SqlBinaryOperator(n, SqlKind.OTHER, 64, true, ReturnTypes.ARG0_NULLABLE, null, null));

  private PgOperators() {}

  /**
   * A PostgreSQL operator Calcite has no operator for ({@code ~}, {@code ->>}, {@code @>}, ...):
   * the binder resolves it by name and argument types.
   */
  public static SqlBinaryOperator generic(String name) {
    // ^ binds tighter than * (60 in Calcite's scale) and looser than unary minus (80).
    return GENERIC.computeIfAbsent(name, n -> new SqlBinaryOperator(n, SqlKind.OTHER,
        n.equals("^") ? 62 : OTHER_OPERATOR_PRECEDENCE, true, ReturnTypes.BOOLEAN_NULLABLE, null, null));
  }

  private static final java.util.Map<String, org.apache.calcite.sql.SqlFunction> AGGREGATES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A function-call operator for an aggregate our grammar parses itself ({@code jsonb_agg}). */
  public static org.apache.calcite.sql.SqlFunction aggregate(String name) {
    return AGGREGATES.computeIfAbsent(name, n -> new org.apache.calcite.sql.SqlFunction(n,
        SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, null,
        org.apache.calcite.sql.SqlFunctionCategory.USER_DEFINED_FUNCTION));
  }

  /** Whether {@code op} is one of {@link #generic}'s operators. */
  public static boolean isGeneric(SqlOperator op) {
    return op instanceof SqlBinaryOperator b && GENERIC.get(op.getName()) == b;
  }

  private static SqlBinaryOperator distance(String name) {
    return new SqlBinaryOperator(
        name,
        SqlKind.OTHER,
        OTHER_OPERATOR_PRECEDENCE,
        true,
        ReturnTypes.DOUBLE_NULLABLE,
        null,
        null);
  }

  /** The metric of a distance operator, or null when {@code op} is not one. */
  public static DistanceMetric metricOf(SqlOperator op) {
    if (op == L2_DISTANCE) {
      return DistanceMetric.L2;
    } else if (op == NEGATIVE_INNER_PRODUCT) {
      return DistanceMetric.NEGATIVE_INNER_PRODUCT;
    } else if (op == COSINE_DISTANCE) {
      return DistanceMetric.COSINE;
    } else if (op == L1_DISTANCE) {
      return DistanceMetric.L1;
    }
    return null;
  }
}
