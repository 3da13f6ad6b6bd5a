package io.s3vector.sql.bind;

import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.storage.table.ColumnSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Binds a RETURNING list (INSERT, UPDATE, DELETE) over the table's row: expressions, {@code *},
 * and their result columns.
 */
final class ReturningBinder {

  /** The bound list: expressions over the row, and their result columns. */
  record Bound(List<RexNode> expressions, List<ResultColumn> columns) {
    static final Bound NONE = new Bound(List.of(), List.of());
  }

  private ReturningBinder() {}

  /** {@code list} (null: no RETURNING) over rows of {@code rowType}, the table called {@code table}. */
  static Bound bind(BindContext ctx, String table, String alias, List<ColumnSpec> columns,
      RelDataType rowType, SqlNodeList list, CalciteText text) {
    if (list == null) {
      return Bound.NONE;
    }
    ctx.text(text);
    ExprBinder binder = new ExprBinder(ctx, new Scope(table, alias, rowType), "RETURNING");
    List<RexNode> expressions = new ArrayList<>();
    List<ResultColumn> result = new ArrayList<>();
    for (SqlNode item : list) {
      SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      if (expr instanceof SqlIdentifier id && id.isStar()) {
        for (int c = 0; c < columns.size(); c++) {
          RelDataType t = rowType.getFieldList().get(c).getType();
          expressions.add(ctx.rex.makeInputRef(t, c));
          result.add(column(columns.get(c).name(), t));
        }
        continue;
      }
      RexNode rex = binder.resolveUnknown(binder.bind(expr));
      expressions.add(rex);
      String name = item.getKind() == SqlKind.AS
          ? ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple() : QueryBinder.columnName(expr);
      result.add(column(name, rex.getType()));
    }
    return new Bound(expressions, result);
  }

  private static ResultColumn column(String name, RelDataType type) {
    PgType pg = PgRelTypes.pg(type);
    if (pg == null || pg == PgTypes.UNKNOWN) {
      pg = PgTypes.TEXT;
    }
    return new ResultColumn(name, pg, PgRelTypes.typmod(type), 0, (short) 0);
  }
}
