package io.s3vector.sql.bind;

import io.s3vector.sql.SqlState;
import io.s3vector.sql.functions.Casts;
import io.s3vector.sql.parser.SqlPgColumn;
import io.s3vector.sql.parser.SqlPgCreateTable;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * CREATE TABLE → storage's TableSchema: PostgreSQL type names to storage types (bigserial → INT8
 * serial, vector(n) → VECTOR of dimension n, varchar/text/jsonb → TEXT keeping the SQL type),
 * constraints, and DEFAULT expressions checked now and kept as SQL text.
 */
public final class TableDefinition {
  private final BindContext ctx;
  private final String sql;

  public TableDefinition(BindContext ctx, String sql) {
    this.ctx = ctx;
    this.sql = sql;
  }

  public TableSchema bind(SqlPgCreateTable create) {
    String table = create.name.names.get(create.name.names.size() - 1);
    List<ColumnSpec> columns = new ArrayList<>();
    List<String> primaryKey = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (SqlNode node : create.columns) {
      SqlPgColumn c = (SqlPgColumn) node;
      String name = c.name.getSimple();
      if (names.contains(name)) {
        throw ctx.error("42701", "column \"" + name + "\" specified more than once", c.name);
      }
      names.add(name);
      TypeNames.Resolved type = TypeNames.resolve(c.type);
      ColumnType storage = TypeNames.storageType(type.type(), type.sqlType());
      int dim = PgRelTypes.isVector(type.type()) ? Math.max(PgRelTypes.typmod(type.type()), 0) : 0;
      String defaultSql = null;
      if (c.defaultValue != null) {
        defaultSql = originalText(c.defaultValue);
        ExprBinder binder = new ExprBinder(ctx, null, "DEFAULT expressions");
        binder.coerce(binder.bind(c.defaultValue), type.type(), Casts.Context.ASSIGNMENT, c.defaultValue);
      }
      if (c.primaryKey) {
        if (!primaryKey.isEmpty()) {
          throw multiplePrimaryKeys(table, c.name);
        }
        primaryKey.add(name);
      }
      columns.add(new ColumnSpec(name, storage, type.sqlType(), dim,
          c.notNull || type.serial(), type.serial(), defaultSql));
    }
    if (create.primaryKey != null) {
      if (!primaryKey.isEmpty()) {
        throw multiplePrimaryKeys(table, create.primaryKey);
      }
      for (SqlNode k : create.primaryKey) {
        String name = ((SqlIdentifier) k).getSimple();
        int index = names.indexOf(name);
        if (index < 0) {
          throw ctx.error(SqlState.UNDEFINED_COLUMN,
              "column \"" + name + "\" named in key does not exist", k);
        }
        primaryKey.add(name);
        ColumnSpec c = columns.get(index);
        columns.set(index, new ColumnSpec(c.name(), c.type(), c.sqlType(), c.dimension(), true,
            c.serial(), c.defaultSql()));
      }
    }
    return new TableSchema(table, columns, primaryKey);
  }

  private RuntimeException multiplePrimaryKeys(String table, SqlNode at) {
    return ctx.error("42P16", "multiple primary keys for table \"" + table + "\" are not allowed", at);
  }

  /** The DEFAULT expression as the user wrote it. */
  private String originalText(SqlNode node) {
    SqlParserPos pos = node.getParserPosition();
    int start = ctx.position(node) - 1;
    SqlParserPos end = new SqlParserPos(pos.getEndLineNum(), pos.getEndColumnNum());
    int last = ctx.position(new SqlIdentifier("x", end)) - 1;
    if (start < 0 || last < start || last >= sql.length()) {
      return node.toString();
    }
    // The end position is the first character of the last token; extend to the token's end.
    int stop = last;
    for (io.s3vector.sql.lex.Token t : io.s3vector.sql.lex.PgLexer.tokenize(sql)) {
      if (t.start() == last) {
        stop = t.end();
        break;
      }
    }
    return sql.substring(start, Math.max(stop, last + 1)).trim();
  }
}
