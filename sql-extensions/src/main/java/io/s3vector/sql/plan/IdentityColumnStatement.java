package io.s3vector.sql.plan;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.session.ColumnSequences;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.SequenceOptions;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.SerialOptions;
import io.s3vector.storage.table.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The identity of an existing column, as the only action of its ALTER TABLE: {@code ALTER
 * [COLUMN] c ADD GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(options)]} (how pg_dump writes
 * every identity column: the table first, then this, then the rows and a setval), {@code SET
 * GENERATED {ALWAYS | BY DEFAULT}}, {@code SET option} and {@code RESTART [[WITH] n]} (any of
 * these one after another, as PostgreSQL takes them) and {@code DROP IDENTITY [IF EXISTS]}, with
 * PostgreSQL's checks and messages. The sequence is the table's own ({@code t_c_seq}), as CREATE
 * TABLE's identity columns have; its options are CREATE SEQUENCE's ({@link IdentityOptions}), and
 * a SEQUENCE NAME other than that one is 0A000.
 */
final class IdentityColumnStatement {
  private IdentityColumnStatement() {}

  private enum Change { ADD, SET, DROP }

  /** The statement, or null when the tokens are another ALTER TABLE. */
  static PlannedStatement recognise(String sql, List<Token> tokens) {
    AlterTableHead head = AlterTableHead.of(tokens);
    if (head == null || !word(tokens, head.next(), "alter")) {
      return null;
    }
    List<String> table = head.table();
    int i = head.next() + 1;
    i += word(tokens, i, "column") ? 1 : 0;
    if (i >= tokens.size() || !tokens.get(i).isName()) {
      return null;
    }
    String column = tokens.get(i++).text();
    Change change;
    ColumnSpec.Identity kind = null;
    boolean ifExists = false;
    SequenceOptions options = null;
    if (word(tokens, i, "add")) {
      change = Change.ADD;
      i++;
      if (!word(tokens, i++, "generated")) {
        return null;
      }
      kind = generated(tokens, i);
      if (kind == null) {
        return null;
      }
      i += kind == ColumnSpec.Identity.ALWAYS ? 1 : 2;
      if (!word(tokens, i++, "as") || !word(tokens, i++, "identity")) {
        return null;
      }
      if (i < tokens.size() && tokens.get(i).isOp("(")) {
        int close = io.s3vector.sql.lex.TokenLists.closing(tokens, i);
        if (close < 0) {
          return null;
        }
        options = IdentityOptions.read(sql, withoutSequenceName(tokens.subList(i + 1, close),
            table, column));
        i = close + 1;
      }
    } else if (identityOption(tokens, i)) {
      change = Change.SET;
      List<Token> written = new ArrayList<>();
      while (i < tokens.size() && identityOption(tokens, i)) {
        if (word(tokens, i, "set") && word(tokens, i + 1, "generated")) {
          kind = generated(tokens, i + 2);
          if (kind == null) {
            return null;
          }
          i += kind == ColumnSpec.Identity.ALWAYS ? 3 : 4;
          continue;
        }
        i += word(tokens, i, "set") ? 1 : 0; // SET option: the option as ALTER SEQUENCE's
        int end = i + 1;
        while (end < tokens.size() && !identityOption(tokens, end)) {
          end++;
        }
        written.addAll(tokens.subList(i, end));
        i = end;
      }
      options = written.isEmpty() ? null : SequenceOptions.read(sql, written, true);
    } else if (word(tokens, i, "drop") && word(tokens, i + 1, "identity")) {
      change = Change.DROP;
      i += 2;
      ifExists = word(tokens, i, "if") && word(tokens, i + 1, "exists");
      i += ifExists ? 2 : 0;
    } else {
      return null;
    }
    if (i != tokens.size()) {
      return null; // more actions: AlterTableStatement says which it does not take
    }
    Change what = change;
    ColumnSpec.Identity identity = kind;
    boolean skipNotIdentity = ifExists;
    SequenceOptions sequence = options;
    return PlannedStatement.command(sql, "ALTER TABLE", s -> head.find(s).ifPresent(storage ->
        run(s, storage, head.shown(), column, what, identity, sequence, skipNotIdentity)));
  }

  /** ALWAYS or BY DEFAULT at {@code i}, or null. */
  private static ColumnSpec.Identity generated(List<Token> tokens, int i) {
    if (word(tokens, i, "always")) {
      return ColumnSpec.Identity.ALWAYS;
    }
    return word(tokens, i, "by") && word(tokens, i + 1, "default")
        ? ColumnSpec.Identity.BY_DEFAULT : null;
  }

  /**
   * Whether an identity's action starts at {@code i}: SET GENERATED, RESTART, or SET with a
   * sequence option (other SETs, NOT NULL, DEFAULT, DATA TYPE, are AlterTableStatement's).
   */
  private static boolean identityOption(List<Token> tokens, int i) {
    if (word(tokens, i, "restart")) {
      return true;
    }
    if (!word(tokens, i, "set")) {
      return false;
    }
    for (String option : List.of("generated", "increment", "minvalue", "maxvalue", "start",
        "cache", "cycle")) {
      if (word(tokens, i + 1, option)) {
        return true;
      }
    }
    return word(tokens, i + 1, "no") && (word(tokens, i + 2, "minvalue")
        || word(tokens, i + 2, "maxvalue") || word(tokens, i + 2, "cycle"));
  }

  /**
   * The options without {@code SEQUENCE NAME n}, which must name the sequence this table's column
   * has ({@code t_c_seq}, in the table's schema): other names are 0A000.
   */
  private static List<Token> withoutSequenceName(List<Token> options, List<String> table,
      String column) {
    List<Token> out = new ArrayList<>();
    for (int i = 0; i < options.size(); i++) {
      if (options.get(i).isWord("sequence") && i + 1 < options.size()
          && options.get(i + 1).isWord("name")) {
        int j = i + 2;
        String last = null;
        while (j < options.size() && options.get(j).isName()) {
          last = options.get(j++).text();
          if (j < options.size() && options.get(j).isOp(".")) {
            j++;
          } else {
            break;
          }
        }
        String expected = table.get(table.size() - 1) + "_" + column + "_seq";
        if (!expected.equals(last)) {
          throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "an identity column's sequence"
              + " named other than " + expected + " is not supported yet", null, null,
              options.get(i).start() + 1, null);
        }
        i = j - 1;
        continue;
      }
      out.add(options.get(i));
    }
    return out;
  }

  private static void run(PgSession s, String storage, String shown, String column,
      Change change, ColumnSpec.Identity kind, SequenceOptions options, boolean skipNotIdentity) {
    String where = "column \"" + column + "\" of relation \"" + shown + "\"";
    boolean[] skipped = new boolean[1];
    s.database().alterTable(storage, schema -> {
      int at = schema.indexOf(column);
      if (at < 0) {
        throw new PgException(SqlState.UNDEFINED_COLUMN, where + " does not exist");
      }
      ColumnSpec c = schema.columns().get(at);
      ColumnSpec next = switch (change) {
        case ADD -> {
          if (c.type() != ColumnType.INT2 && c.type() != ColumnType.INT4
              && c.type() != ColumnType.INT8) {
            throw new PgException(SqlState.INVALID_PARAMETER_VALUE,
                "identity column type must be smallint, integer, or bigint");
          }
          boolean notNull = c.notNull() || schema.primaryKey().contains(c.name());
          if (!notNull) {
            throw new PgException("55000", where + " must be declared NOT NULL before identity"
                + " can be added");
          }
          if (c.identity() != null) {
            throw new PgException("55000", where + " is already an identity column");
          }
          if (c.serial() || c.defaultSql() != null) {
            throw new PgException("55000", where + " already has a default value");
          }
          SerialOptions sequence = options == null ? SerialOptions.defaults(c.type(), 1)
              : ColumnSequences.created(options, c.type());
          yield new ColumnSpec(c.name(), c.type(), c.sqlType(), c.dimension(), true, true, null,
              c.addedAs(), c.missing(), kind, sequence);
        }
        case SET -> {
          if (c.identity() == null) {
            throw new PgException("55000", where + " is not an identity column");
          }
          if (kind == null) {
            yield c; // options only: below
          }
          yield new ColumnSpec(c.name(), c.type(), c.sqlType(), c.dimension(), c.notNull(),
              c.serial(), c.defaultSql(), c.addedAs(), c.missing(), kind, c.identityStart(),
              c.sequence());
        }
        case DROP -> {
          if (c.identity() == null) {
            if (!skipNotIdentity) {
              throw new PgException("55000", where + " is not an identity column");
            }
            skipped[0] = true;
            yield c;
          }
          // the column keeps its NOT NULL and values; its sequence goes
          yield new ColumnSpec(c.name(), c.type(), c.sqlType(), c.dimension(), true, false, null,
              c.addedAs(), c.missing(), null, null);
        }
      };
      if (next == c) {
        return schema;
      }
      List<ColumnSpec> columns = new ArrayList<>(schema.columns());
      columns.set(at, next);
      return schema.withColumns(columns, schema.comments());
    });
    if (skipped[0]) {
      s.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
          where + " is not an identity column, skipping"));
    }
    Table table = s.database().table(storage).orElseThrow();
    if (change == Change.ADD) {
      // a new sequence: it starts at START WITH whatever a dropped identity's had reached
      ColumnSpec added = table.schema().columns().get(table.schema().indexOf(column));
      table.setSequence(column, added.sequenceStart(), false);
    } else if (change == Change.SET && options != null) {
      ColumnSequences.alter(s, table, column, options);
    }
  }

  private static boolean word(List<Token> tokens, int i, String word) {
    return AlterTableHead.word(tokens, i, word);
  }
}
