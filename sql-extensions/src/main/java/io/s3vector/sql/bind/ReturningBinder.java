package io.s3vector.sql.bind;

import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.util.Util;

/**
 * Binds a RETURNING list (INSERT, UPDATE, DELETE) over the table's row, and for UPDATE ... FROM
 * and DELETE ... USING the joined relations' rows after it: expressions, {@code *}, and their
 * result columns.
 */
final class ReturningBinder {

  /** The bound list: expressions over the row, and their result columns. */
  record Bound(List<RexNode> expressions, List<ResultColumn> columns) {
    static final Bound NONE = new Bound(List.of(), List.of());
  }

  private ReturningBinder() {}

  /** {@code list} (null: no RETURNING) over rows of {@code rowType}, the table called {@code table}. */
  static Bound bind(BindContext ctx, String table, String alias, RelDataType rowType,
      SqlNodeList list, CalciteText text) {
    return list == null ? Bound.NONE : bind(ctx, new Scope(table, alias, rowType), list, text);
  }

  /**
   * {@code list} over the rows of {@code scope}: the table's, or for a joined UPDATE or DELETE the
   * target's row followed by the FROM or USING list's relations. {@code *} stands for every
   * relation's columns, as in PostgreSQL, and {@code q.*} for one relation's.
   */
  static Bound bind(BindContext ctx, Scope scope, SqlNodeList list, CalciteText text) {
    ctx.text(text);
    ExprBinder binder = new ExprBinder(ctx, scope, "RETURNING");
    List<RexNode> expressions = new ArrayList<>();
    List<ResultColumn> result = new ArrayList<>();
    for (SqlNode item : list) {
      SqlNode expr = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
      if (expr instanceof SqlIdentifier id && id.isStar()) {
        String qualifier = id.names.size() > 1 ? id.names.get(id.names.size() - 2) : null;
        for (SqlIdentifier column : scope.star(qualifier, id, ctx)) {
          RexNode rex = binder.bind(column);
          expressions.add(rex);
          result.add(column(Util.last(column.names), rex.getType()));
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
