package io.s3vector.sql.bind;

import io.s3vector.sql.SqlState;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;

/**
 * The columns a query's expressions may name: one table of FROM (our single-table slice), under
 * its alias or its name. Records which columns are used so the scan decodes only those.
 */
public final class Scope {
  private final String table;
  private final String qualifier;
  private final RelDataType rowType;
  private final BitSet used = new BitSet();
  /** For a pg_catalog table, its rows; null for a stored table. */
  private java.util.List<Object[]> catalogRows;

  public Scope(String table, String alias, RelDataType rowType) {
    this.table = table;
    this.qualifier = alias != null ? alias : table;
    this.rowType = rowType;
  }

  public static Scope catalog(String table, String alias, RelDataType rowType, java.util.List<Object[]> rows) {
    Scope s = new Scope(table, alias, rowType);
    s.catalogRows = rows;
    return s;
  }

  /** The rows of a pg_catalog table, or null for a stored table. */
  public java.util.List<Object[]> catalogRows() {
    return catalogRows;
  }

  public String table() {
    return table;
  }

  public String qualifier() {
    return qualifier;
  }

  public RelDataType rowType() {
    return rowType;
  }

  public List<String> columnNames() {
    return rowType.getFieldNames();
  }

  /** Positions of the columns referenced so far. */
  public int[] usedColumns() {
    return used.stream().toArray();
  }

  public void markAllUsed() {
    used.set(0, rowType.getFieldCount());
  }

  /** The column an identifier names, or a PostgreSQL error. */
  public RexNode resolve(SqlIdentifier id, BindContext ctx) {
    List<String> names = id.names;
    String column = names.get(names.size() - 1);
    if (names.size() >= 2) {
      String q = names.get(names.size() - 2);
      if (!q.equals(qualifier)) {
        throw ctx.error(SqlState.UNDEFINED_TABLE,
            "missing FROM-clause entry for table \"" + q + "\"", id);
      }
    }
    int index = rowType.getFieldNames().indexOf(column);
    if (index < 0) {
      String shown = names.size() >= 2 ? names.get(names.size() - 2) + "." + column : column;
      throw ctx.error(SqlState.UNDEFINED_COLUMN,
          names.size() >= 2 ? "column " + shown + " does not exist" : "column \"" + column + "\" does not exist", id);
    }
    used.set(index);
    return ctx.rex.makeInputRef(rowType.getFieldList().get(index).getType(), index);
  }

  /** Whether a single-part name is one of the table's columns. */
  public boolean hasColumn(String name) {
    return rowType.getFieldNames().contains(name);
  }
}
