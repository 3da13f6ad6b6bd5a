package io.s3vector.sql.plan;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.bind.TypeNames;
import io.s3vector.sql.types.PgType;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.TableSchema;
import java.util.List;

/**
 * NOT NULL constraints of a table alone.
 *
 * @deprecated use {@link ConstraintChecks}, which checks NOT NULL and CHECK constraints and shows
 *     a serial column's value in the DETAIL, as PostgreSQL does
 */
@Deprecated
public final class NotNullCheck {
  private final TableSchema schema;
  private final PgType[] types;

  public NotNullCheck(TableSchema schema) {
    this.schema = schema;
    List<ColumnSpec> columns = schema.columns();
    types = new PgType[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = PgRelTypes.pg(TypeNames.columnType(columns.get(i)));
    }
  }

  /** PostgreSQL's 23502 with the failing row (serial columns are filled by storage later). */
  public void check(Object[] row) {
    List<ColumnSpec> columns = schema.columns();
    for (int c = 0; c < row.length; c++) {
      ColumnSpec spec = columns.get(c);
      if (row[c] == null && spec.notNull() && !spec.serial()) {
        throw new PgException(SqlState.NOT_NULL_VIOLATION,
            "null value in column \"" + spec.name() + "\" of relation \"" + schema.name()
                + "\" violates not-null constraint",
            "Failing row contains " + describe(row) + ".", null, 0, null);
      }
    }
  }

  private String describe(Object[] row) {
    StringBuilder out = new StringBuilder("(");
    for (int c = 0; c < row.length; c++) {
      if (c > 0) {
        out.append(", ");
      }
      out.append(row[c] == null ? "null" : ConstraintChecks.clip(types[c].encodeText(row[c])));
    }
    return out.append(')').toString();
  }
}
