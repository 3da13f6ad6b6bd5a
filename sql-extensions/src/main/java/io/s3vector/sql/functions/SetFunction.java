package io.s3vector.sql.functions;

import java.util.Iterator;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * One resolved set-returning function ({@code generate_series(int, int)}, {@code unnest(text[])}):
 * its argument types, the columns of its rows, and the rows for given argument values. In FROM it
 * is a {@code FunctionScan}; in a select list a {@code ProjectSet} column (its first column).
 */
public final class SetFunction extends SqlFunction {
  /** The rows for argument values of the Java classes of {@link #argTypes}. */
  @FunctionalInterface
  public interface Rows {
    Iterator<Object[]> rows(Object[] args);
  }

  private final List<RelDataType> argTypes;
  private final List<String> columnNames;
  private final List<RelDataType> columnTypes;
  private final Rows rows;

  /**
   * @param columnNames the columns' names; a single column named null takes the function's name
   *     (or the FROM alias), as in PostgreSQL
   */
  public SetFunction(String name, List<RelDataType> argTypes, List<String> columnNames,
      List<RelDataType> columnTypes, Rows rows) {
    super(name, SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, null, null,
        SqlFunctionCategory.USER_DEFINED_TABLE_FUNCTION);
    this.argTypes = argTypes;
    this.columnNames = columnNames;
    this.columnTypes = columnTypes;
    this.rows = rows;
  }

  public List<RelDataType> argTypes() {
    return argTypes;
  }

  public List<String> columnNames() {
    return columnNames;
  }

  public List<RelDataType> columnTypes() {
    return columnTypes;
  }

  /**
   * The type of one call's value in an expression: its column's type, or for several columns a
   * record (a struct whose fields {@code (f(...)).name} selects), valued as the row itself.
   */
  public RelDataType valueType(org.apache.calcite.rel.type.RelDataTypeFactory factory) {
    if (columnTypes.size() == 1) {
      return columnTypes.get(0);
    }
    return factory.createTypeWithNullability(factory.createStructType(columnTypes, columnNames), true);
  }

  /** The rows; a NULL argument gives none (the functions here are all strict). */
  public Iterator<Object[]> rows(Object[] args) {
    for (Object a : args) {
      if (a == null) {
        return java.util.Collections.emptyIterator();
      }
    }
    return rows.rows(args);
  }
}
