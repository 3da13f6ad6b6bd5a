package io.s3vector.sql.session;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.Identifiers;
import io.s3vector.sql.catalog.SchemaNames;
import io.s3vector.sql.functions.SequenceFunctions;
import io.s3vector.sql.lex.Token;
import io.s3vector.sql.lex.TokenCursor;
import io.s3vector.storage.table.SequenceSpec;
import io.s3vector.storage.table.TableExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CREATE SEQUENCE, ALTER SEQUENCE and DROP SEQUENCE, read from their tokens (as pg_dump writes
 * them for every serial column: a sequence, OWNED BY the column, its DEFAULT nextval, setval
 * after the data). A sequence of CREATE SEQUENCE is kept by storage ({@link SequenceSpec}); the
 * sequence of a serial or identity column is its table's, its options kept in the column
 * ({@link ColumnSequences}); of those, AS and OWNED BY are not taken.
 */
final class SequenceStatements {
  private final String sql;
  private final TokenCursor in;

  private SequenceStatements(String sql, List<Token> tokens) {
    this.sql = sql;
    this.in = new TokenCursor(sql, tokens);
  }

  /** CREATE [TEMP | UNLOGGED] SEQUENCE ..., or null when the tokens are not one. */
  static PlannedStatement create(String sql, List<Token> tokens) {
    SequenceStatements s = new SequenceStatements(sql, tokens);
    s.in.skip(1); // CREATE
    if (s.in.acceptWord("temp", "temporary", "unlogged")) {
      if (!s.in.peekWord("sequence")) {
        return null;
      }
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
          tokens.get(1).text().toUpperCase(Locale.ROOT) + " sequences are not supported yet");
    }
    return s.in.acceptWord("sequence") ? s.create() : null;
  }

  /** ALTER SEQUENCE ... */
  static PlannedStatement alter(String sql, List<Token> tokens) {
    SequenceStatements s = new SequenceStatements(sql, tokens);
    s.in.skip(2); // ALTER SEQUENCE
    return s.alter();
  }

  /** The sequence options {@code tokens} hold, up to their end ({@link SequenceOptions#read}). */
  static SequenceOptions options(String sql, List<Token> tokens, boolean alter) {
    return new SequenceStatements(sql, tokens).options(alter);
  }

  /** DROP SEQUENCE ... */
  static PlannedStatement drop(String sql, List<Token> tokens) {
    SequenceStatements s = new SequenceStatements(sql, tokens);
    s.in.skip(2); // DROP SEQUENCE
    return s.drop();
  }

  private PlannedStatement create() {
    boolean ifNotExists = in.ifNotExists();
    List<String> name = in.qualifiedName();
    SequenceOptions options = options(false);
    in.expectEnd();
    return PlannedStatement.command(sql, "CREATE SEQUENCE", s -> {
      String storage = SearchPath.storageNameForCreate(s, name);
      SequenceSpec spec = options.create(java.util.UUID.randomUUID().toString());
      if (options.ownedBy() != null && !options.ownedBy().isEmpty()) {
        spec = owned(s, spec, storage, options.ownedBy());
      }
      boolean created;
      try {
        created = s.database().createSequence(storage, spec, ifNotExists);
      } catch (TableExistsException e) {
        throw exists(name);
      }
      if (!created) {
        s.notice(Notice.notice(SqlState.DUPLICATE_TABLE,
            "relation \"" + last(name) + "\" already exists, skipping"));
      }
    });
  }

  private PlannedStatement alter() {
    boolean ifExists = in.ifExists();
    List<String> name = in.qualifiedName();
    if (in.acceptWord("owner")) {
      in.expectWord("to");
      Token role = in.name(); // CURRENT_USER and the like are words
      in.expectEnd();
      return command("ALTER SEQUENCE", name, ifExists, (s, target) -> RoleNames.require(s, role));
    }
    if (in.peekWord("rename") || in.peekWord("set")) {
      throw new PgException(SqlState.FEATURE_NOT_SUPPORTED, "ALTER SEQUENCE ... "
          + in.rest().toUpperCase(Locale.ROOT) + " is not supported yet");
    }
    SequenceOptions options = options(true);
    in.expectEnd();
    return command("ALTER SEQUENCE", name, ifExists, (s, target) -> {
      if (target.isEmpty()) {
        // a serial or identity column's sequence: its options are kept in the column
        SequenceFunctions.ColumnSequence column =
            SequenceFunctions.columnSequence(Identifiers.qualified(name), s);
        ColumnSequences.alter(s, column.table(), column.column().name(), options);
        return;
      }
      String storage = target.get();
      s.database().alterSequence(storage, before -> {
        SequenceSpec next = options.apply(before, false);
        if (options.ownedBy() != null) {
          next = options.ownedBy().isEmpty() ? next.ownedBy(null, null)
              : owned(s, next, storage, options.ownedBy());
        }
        return next.equals(before) ? before : next;
      });
    });
  }

  private PlannedStatement drop() {
    boolean ifExists = in.ifExists();
    List<List<String>> names = new ArrayList<>();
    do {
      names.add(in.qualifiedName());
    } while (in.acceptOp(","));
    boolean cascade = in.acceptWord("cascade");
    if (!cascade) {
      in.acceptWord("restrict");
    }
    in.expectEnd();
    return PlannedStatement.command(sql, "DROP SEQUENCE", s -> {
      List<String> found = new ArrayList<>();
      for (List<String> name : names) {
        Optional<String> storage = SearchPath.sequenceStorageNameOf(s, name);
        if (storage.isPresent()) {
          found.add(storage.get());
          continue;
        }
        refuseOtherRelation(s, name);
        if (!ifExists) {
          throw new PgException(SqlState.UNDEFINED_TABLE,
              "sequence \"" + String.join(".", name) + "\" does not exist");
        }
        s.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "sequence \"" + String.join(".", name) + "\" does not exist, skipping"));
      }
      for (String storage : found) {
        SequenceDefaults.dropDependents(s, storage, cascade);
        s.database().alterSequence(storage, before -> null);
      }
    });
  }

  /** DROP SEQUENCE of a table, or of a serial column's sequence: PostgreSQL's errors for them. */
  private static void refuseOtherRelation(PgSession s, List<String> name) {
    if (SearchPath.storageNameOf(s, name).isPresent()) {
      throw new PgException("42809", "\"" + last(name) + "\" is not a sequence", null,
          "Use DROP TABLE to remove a table.", 0, null);
    }
    if (SequenceFunctions.exists(Identifiers.qualified(name), s)) {
      String owner = SequenceFunctions.ownerOf(Identifiers.qualified(name), s);
      throw new PgException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence "
          + last(name) + " because " + owner + " requires it", null,
          "You can drop " + owner + " instead.", 0, null);
    }
  }

  /**
   * A statement on an existing sequence: {@code action} gets the storage name of a sequence of
   * CREATE SEQUENCE, or empty for a serial or identity column's; a missing one is 42P01, or a
   * notice with IF EXISTS.
   */
  private PlannedStatement command(String tag, List<String> name, boolean ifExists,
      java.util.function.BiConsumer<PgSession, Optional<String>> action) {
    return PlannedStatement.command(sql, tag, s -> {
      Optional<String> storage = SearchPath.sequenceStorageNameOf(s, name);
      if (storage.isEmpty() && !SequenceFunctions.exists(Identifiers.qualified(name), s)) {
        if (SearchPath.storageNameOf(s, name).isPresent()) {
          throw new PgException("42809", "\"" + last(name) + "\" is not a sequence");
        }
        if (!ifExists) {
          throw new PgException(SqlState.UNDEFINED_TABLE,
              "relation \"" + String.join(".", name) + "\" does not exist");
        }
        s.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
            "relation \"" + String.join(".", name) + "\" does not exist, skipping"));
        return;
      }
      action.accept(s, storage);
    });
  }

  /** {@code spec} OWNED BY the column {@code column} (table.column, optionally schema-qualified). */
  private static SequenceSpec owned(PgSession s, SequenceSpec spec, String sequenceStorage,
      List<String> column) {
    List<String> table = column.subList(0, column.size() - 1);
    String tableStorage = SearchPath.storageNameOf(s, table).orElseThrow(() -> new PgException(
        SqlState.UNDEFINED_TABLE, "relation \"" + String.join(".", table) + "\" does not exist"));
    if (!SchemaNames.schemaOf(tableStorage).equals(SchemaNames.schemaOf(sequenceStorage))) {
      throw new PgException("55000", "sequence must be in same schema as table it is linked to");
    }
    String columnName = column.get(column.size() - 1);
    if (s.database().table(tableStorage).orElseThrow().schema().indexOf(columnName) < 0) {
      throw new PgException(SqlState.UNDEFINED_COLUMN, "column \"" + columnName
          + "\" of relation \"" + last(table) + "\" does not exist");
    }
    return spec.ownedBy(tableStorage, columnName);
  }

  /** The options of CREATE ({@code alter} false) or ALTER SEQUENCE, up to the end. */
  private SequenceOptions options(boolean alter) {
    String type = null;
    Long increment = null;
    Long min = null;
    Long max = null;
    Long start = null;
    Long restartWith = null;
    Long cache = null;
    Boolean cycle = null;
    boolean noMin = false;
    boolean noMax = false;
    boolean restart = false;
    List<String> ownedBy = null;
    List<String> seen = new ArrayList<>();
    while (!in.atEnd()) {
      Token option = in.next();
      String key = option.text().toLowerCase(Locale.ROOT);
      if (option.isWord("no")) {
        Token what = in.next();
        if (what == null || !(what.isWord("minvalue") || what.isWord("maxvalue") || what.isWord("cycle"))) {
          throw in.syntaxErrorAt(what);
        }
        key = what.text().toLowerCase(Locale.ROOT);
        noMin |= what.isWord("minvalue");
        noMax |= what.isWord("maxvalue");
        if (what.isWord("cycle")) {
          cycle = false;
        }
      } else if (option.isWord("as")) {
        type = SequenceOptions.typeName(in.typeName());
      } else if (option.isWord("increment")) {
        in.acceptWord("by");
        increment = in.signedNumber();
      } else if (option.isWord("minvalue")) {
        min = in.signedNumber();
      } else if (option.isWord("maxvalue")) {
        max = in.signedNumber();
      } else if (option.isWord("start")) {
        in.acceptWord("with");
        start = in.signedNumber();
      } else if (alter && option.isWord("restart")) {
        restart = true;
        if (in.acceptWord("with") || in.peekNumber()) {
          restartWith = in.signedNumber();
        }
      } else if (option.isWord("cache")) {
        cache = in.signedNumber();
      } else if (option.isWord("cycle")) {
        cycle = true;
      } else if (option.isWord("owned")) {
        in.expectWord("by");
        List<String> column = in.qualifiedName();
        if (column.size() == 1 && column.get(0).equals("none")) {
          ownedBy = List.of();
        } else if (column.size() < 2) {
          throw new PgException(SqlState.SYNTAX_ERROR, "invalid OWNED BY option", null,
              "Specify OWNED BY table.column or OWNED BY NONE.", 0, null);
        } else {
          ownedBy = column;
        }
      } else {
        throw in.syntaxErrorAt(option);
      }
      if (seen.contains(key)) {
        throw new PgException(SqlState.SYNTAX_ERROR, "conflicting or redundant options", null,
            null, option.start() + 1, null);
      }
      seen.add(key);
    }
    return new SequenceOptions(type, increment, min, noMin, max, noMax, start, restart,
        restartWith, cache, cycle, ownedBy);
  }

  private static PgException exists(List<String> name) {
    return new PgException(SqlState.DUPLICATE_TABLE,
        "relation \"" + last(name) + "\" already exists");
  }

  private static String last(List<String> name) {
    return name.get(name.size() - 1);
  }
}
