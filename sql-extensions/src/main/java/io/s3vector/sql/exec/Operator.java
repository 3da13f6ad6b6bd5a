package io.s3vector.sql.exec;

/** One compiled plan node: opened once per execution. */
@FunctionalInterface
public interface Operator {
  RowSource open(ExecContext ctx);
}
