package io.s3vector.sql.bind;

import io.s3vector.sql.catalog.CatalogRows;
import java.util.BitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * One relation of a FROM clause (PostgreSQL's range table entry): a stored table, a pg_catalog
 * table, or a derived one (subquery, VALUES, CTE, function), under a qualifier. Its columns sit
 * at {@code offset} in the row of the FROM clause it belongs to; {@code used} records which ones
 * expressions named, so a stored table's scan decodes only those.
 */
public final class FromItem {
  /** The stored or catalog table's name, or the alias of a derived relation (may be null). */
  final String table;
  /** What a qualified name must say to reach the columns ({@code t.x}); null: only unqualified. */
  final String qualifier;
  final RelDataType rowType;
  final BitSet used = new BitSet();
  /** Reachable only by qualified names (INSERT ... ON CONFLICT's EXCLUDED). */
  final boolean qualifiedOnly;
  /** The rows of a pg_catalog table, or null. */
  final CatalogRows catalogRows;
  /** The plan of a derived relation, or null. */
  final RelNode derived;
  /** Where the columns start in the row of the FROM clause (set as items are joined). */
  int offset;
  /** The pg_class OID of a stored table (what RowDescription names as a column's origin), else 0. */
  long tableOid;
  /** A derived relation's columns' origins ({table OID, attnum} or null each), or null. */
  int[][] origins;

  FromItem(String table, String qualifier, RelDataType rowType, boolean qualifiedOnly,
      CatalogRows catalogRows, RelNode derived) {
    this.table = table;
    this.qualifier = qualifier;
    this.rowType = rowType;
    this.qualifiedOnly = qualifiedOnly;
    this.catalogRows = catalogRows;
    this.derived = derived;
  }

  int width() {
    return rowType.getFieldCount();
  }

  int column(String name) {
    return rowType.getFieldNames().indexOf(name);
  }
}
