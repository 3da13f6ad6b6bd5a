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
  private io.s3vector.sql.catalog.CatalogRows catalogRows;
  /** A second row after this one's columns (INSERT ... ON CONFLICT's EXCLUDED), or null. */
  private String secondQualifier;
  private RelDataType secondRowType;
  /** For a subquery or VALUES in FROM, its plan; null for a table. */
  private org.apache.calcite.rel.RelNode derived;

  public Scope(String table, String alias, RelDataType rowType) {
    this.table = table;
    this.qualifier = alias != null ? alias : table;
    // (an unaliased subquery has no qualifier: its columns are referenced by name only)
    this.rowType = rowType;
  }

  public static Scope catalog(String table, String alias, RelDataType rowType, io.s3vector.sql.catalog.CatalogRows rows) {
    Scope s = new Scope(table, alias, rowType);
    s.catalogRows = rows;
    return s;
  }

  /** A subquery or VALUES list in FROM: {@code rowType} names its output columns. */
  public static Scope derived(String alias, RelDataType rowType, org.apache.calcite.rel.RelNode rel) {
    Scope s = new Scope(alias, alias, rowType);
    s.derived = rel;
    return s;
  }

  /**
   * This table's row followed by a second row of the same columns named {@code qualifier}: input
   * refs past this row's width reach the second row (only by qualified names).
   */
  public static Scope withSecond(String table, String alias, RelDataType rowType, String qualifier) {
    Scope s = new Scope(table, alias, rowType);
    s.secondQualifier = qualifier;
    s.secondRowType = rowType;
    return s;
  }

  /** The plan of a derived table, or null. */
  public org.apache.calcite.rel.RelNode derivedInput() {
    return derived;
  }

  /** The rows of a pg_catalog table, or null for a stored table. */
  public io.s3vector.sql.catalog.CatalogRows catalogRows() {
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
    if (names.size() >= 2 && secondQualifier != null
        && names.get(names.size() - 2).equals(secondQualifier)) {
      int index = secondRowType.getFieldNames().indexOf(column);
      if (index < 0) {
        throw ctx.error(SqlState.UNDEFINED_COLUMN,
            "column " + secondQualifier + "." + column + " does not exist", id);
      }
      return ctx.rex.makeInputRef(secondRowType.getFieldList().get(index).getType(),
          rowType.getFieldCount() + index);
    }
    if (names.size() >= 2) {
      String q = names.get(names.size() - 2);
      if (!q.equals(qualifier) || qualifier == null) {
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
