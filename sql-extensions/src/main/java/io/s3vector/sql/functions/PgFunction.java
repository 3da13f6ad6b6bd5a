package io.s3vector.sql.functions;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * One resolved PostgreSQL function or operator (one overload: {@code +} on bigint is another
 * instance than {@code +} on double precision), carrying its implementation so the executor needs
 * no second lookup. The binder gives every call its result type explicitly.
 */
public final class PgFunction extends SqlFunction {

  /** The implementation over argument values of the Java classes of their types. */
  @FunctionalInterface
  public interface Impl {
    Object apply(Object[] args);
  }

  private final Impl impl;
  private final boolean strict;
  private final boolean deterministic;

  /**
   * @param strict whether a NULL argument makes the result NULL without calling {@code impl}
   */
  public PgFunction(String name, boolean strict, Impl impl) {
    this(name, SqlKind.OTHER_FUNCTION, strict, true, impl);
  }

  public PgFunction(String name, SqlKind kind, boolean strict, boolean deterministic, Impl impl) {
    super(name, kind, ReturnTypes.ARG0_NULLABLE, null, null,
        SqlFunctionCategory.USER_DEFINED_FUNCTION);
    this.impl = impl;
    this.strict = strict;
    this.deterministic = deterministic;
  }

  public Impl impl() {
    return impl;
  }

  public boolean strict() {
    return strict;
  }

  @Override
  public boolean isDeterministic() {
    return deterministic;
  }

  @Override
  public boolean isDynamicFunction() {
    return !deterministic;
  }
}
