package io.s3vector.sql.exec;

/** A compiled scalar expression over one row. */
@FunctionalInterface
public interface Expr {
  Object eval(Object[] row, ExecContext ctx);

  /** A value known when the plan is compiled (literals and folded constant calls). */
  record Const(Object value) implements Expr {
    @Override
    public Object eval(Object[] row, ExecContext ctx) {
      return value;
    }
  }
}
