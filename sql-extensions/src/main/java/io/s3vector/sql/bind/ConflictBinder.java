package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.CalciteText;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.parser.PgParserConfig;
import io.s3vector.storage.table.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Binds {@code ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET ... [WHERE
 * ...]} (tokens after {@code ON CONFLICT}). Calcite has no grammar for it, so the target is read
 * from the tokens and the DO UPDATE part is parsed as an UPDATE's SET and WHERE.
 */
public final class ConflictBinder {
  private final BindContext ctx;

  public ConflictBinder(BindContext ctx) {
    this.ctx = ctx;
  }

  /** Tokens {@code [from, to)} after ON CONFLICT; {@code alias} names the table (null: its name). */
  public BoundConflict bind(TableSchema schema, String alias, String sql, List<Token> tokens,
      int from, int to) {
    int i = from;
    List<TableSchema.UniqueKey> arbiters = null;
    if (i < to && tokens.get(i).isOp("(")) {
      List<String> columns = new ArrayList<>();
      i++;
      while (i < to && !tokens.get(i).isOp(")")) {
        Token t = tokens.get(i++);
        if (t.isOp(",")) {
          continue;
        }
        if (!t.isName()) {
          throw syntaxError(t);
        }
        if (schema.indexOf(t.text()) < 0) {
          throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + t.text() + "\" does not exist",
              null, null, t.start() + 1, null);
        }
        columns.add(t.text());
      }
      i++;
      arbiters = List.of(matching(schema, columns, tokens.get(from)));
      if (i < to && tokens.get(i).isWord("where")) {
        throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
            "ON CONFLICT with an index predicate (WHERE) is not supported yet", null, null,
            tokens.get(i).start() + 1, null);
      }
    } else if (i + 2 < to && tokens.get(i).isWord("on") && tokens.get(i + 1).isWord("constraint")) {
      String name = tokens.get(i + 2).text();
      for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
        if (key.name().equals(name)) {
          arbiters = List.of(key);
        }
      }
      if (arbiters == null) {
        throw new PgException(SqlState.UNDEFINED_OBJECT, "constraint \"" + name + "\" for table \""
            + schema.name() + "\" does not exist");
      }
      i += 3;
    }
    if (i + 1 >= to || !tokens.get(i).isWord("do")) {
      throw syntaxError(i < to ? tokens.get(i) : null);
    }
    Token action = tokens.get(i + 1);
    if (action.isWord("nothing")) {
      if (i + 2 < to) {
        throw syntaxError(tokens.get(i + 2));
      }
      return new BoundConflict(arbiters == null ? schema.uniqueKeys() : arbiters, null, null);
    }
    if (!action.isWord("update") || i + 2 >= to || !tokens.get(i + 2).isWord("set")) {
      throw syntaxError(action);
    }
    if (arbiters == null) {
      throw new PgException(SqlState.SYNTAX_ERROR,
          "ON CONFLICT DO UPDATE requires inference specification or constraint name", null,
          "For example, ON CONFLICT (column_name).", action.start() + 1, null);
    }
    CalciteText text = CalciteText.of(sql, tokens, i + 2, to).withPrefix("UPDATE \"excluded\" ");
    ctx.params.numbers(text.paramNumbers());
    ctx.text(text);
    SqlUpdate update;
    try {
      update = (SqlUpdate) SqlParser.create(text.text(), PgParserConfig.CONFIG).parseStmt();
    } catch (SqlParseException e) {
      throw new PgException(SqlState.SYNTAX_ERROR, "syntax error in ON CONFLICT DO UPDATE: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    RelDataType rowType = QueryBinder.rowType(schema);
    Scope scope = Scope.withSecond(schema.name(), alias, rowType, "excluded");
    DmlBinder dml = new DmlBinder(ctx);
    RexNode[] assignments = dml.assignments(schema, rowType, scope, update.getTargetColumnList(),
        update.getSourceExpressionList());
    RexNode condition = dml.condition(scope, update.getCondition());
    return new BoundConflict(arbiters, Arrays.asList(assignments), condition);
  }

  /** The unique key with exactly these columns (in any order), or PostgreSQL's 42P10. */
  private static TableSchema.UniqueKey matching(TableSchema schema, List<String> columns, Token at) {
    for (TableSchema.UniqueKey key : schema.uniqueKeys()) {
      if (new HashSet<>(key.columns()).equals(new HashSet<>(columns))) {
        return key;
      }
    }
    throw new PgException(SqlState.INVALID_COLUMN_REFERENCE,
        "there is no unique or exclusion constraint matching the ON CONFLICT specification");
  }

  private static PgException syntaxError(Token t) {
    return t == null
        ? new PgException(SqlState.SYNTAX_ERROR, "syntax error at end of input")
        : new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \"" + t.text() + "\"",
            null, null, t.start() + 1, null);
  }
}
