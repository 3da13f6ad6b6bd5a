package io.s3vector.sql.session;

import io.s3vector.sql.Notice;
import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.catalog.Identifiers;
import io.s3vector.sql.catalog.Relations;
import io.s3vector.sql.lex.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE [IF EXISTS] [ONLY] name OWNER TO role}, {@code ALTER INDEX [IF EXISTS] name
 * OWNER TO role} and {@code ALTER SCHEMA name OWNER TO role}, which pg_dump writes after every
 * object it creates (ALTER TABLE also for its sequences). A database here has one owner, the
 * role whoever connects is (pg_roles lists it and pg_database_owner), and no object stores an
 * owner of its own: the statement checks what PostgreSQL checks, in its order, and changes
 * nothing. Other ALTER statements, and ALTER TABLE with actions beside OWNER TO, are not this
 * class's (null from {@link #recognise}).
 */
final class OwnerChange {
  /** What is altered: the keyword after ALTER, and the command tag. */
  private enum Kind {
    TABLE,
    INDEX,
    SCHEMA
  }

  private OwnerChange() {}

  /** The statement, when {@code tokens} are an ALTER ... OWNER TO this class handles; else null. */
  static PlannedStatement recognise(String sql, List<Token> tokens) {
    if (tokens.size() < 5 || !tokens.get(0).isWord("alter")) {
      return null;
    }
    Kind kind;
    Token what = tokens.get(1);
    if (what.isWord("table")) {
      kind = Kind.TABLE;
    } else if (what.isWord("index")) {
      kind = Kind.INDEX;
    } else if (what.isWord("schema")) {
      kind = Kind.SCHEMA;
    } else {
      return null;
    }
    int pos = 2;
    boolean ifExists = false;
    if (kind != Kind.SCHEMA && tokens.get(pos).isWord("if") && pos + 1 < tokens.size()
        && tokens.get(pos + 1).isWord("exists")) {
      ifExists = true;
      pos += 2;
    }
    if (kind == Kind.TABLE && pos < tokens.size() && tokens.get(pos).isWord("only")) {
      pos++;
    }
    List<String> name = new ArrayList<>();
    while (pos < tokens.size() && tokens.get(pos).isName()) {
      name.add(tokens.get(pos++).text());
      if (pos < tokens.size() && tokens.get(pos).isOp(".") && kind != Kind.SCHEMA) {
        pos++;
      } else {
        break;
      }
    }
    // name OWNER TO role, alone: with other actions after a comma it is ALTER TABLE's
    if (name.isEmpty() || tokens.size() < pos + 3 || !tokens.get(pos).isWord("owner")
        || !tokens.get(pos + 1).isWord("to") || !tokens.get(pos + 2).isName()
        || (tokens.size() > pos + 3 && tokens.get(pos + 3).isOp(","))) {
      return null;
    }
    if (tokens.size() > pos + 3) {
      Token extra = tokens.get(pos + 3);
      throw new PgException(SqlState.SYNTAX_ERROR, "syntax error at or near \""
          + sql.substring(extra.start(), extra.end()) + "\"", null, null, extra.start() + 1, null);
    }
    Token role = tokens.get(pos + 2);
    String tag = "ALTER " + kind.name();
    boolean skipMissing = ifExists;
    return PlannedStatement.command(sql, tag, s -> {
      if (kind == Kind.SCHEMA) {
        RoleNames.require(s, role);
        if (!SearchPath.exists(s.database(), name.get(0))) {
          throw new PgException(SqlState.INVALID_SCHEMA_NAME,
              "schema \"" + name.get(0) + "\" does not exist");
        }
        return;
      }
      if (!skipMissing) {
        SearchPath.requireSchemaOf(s, name);
      }
      Long oid = Relations.oidOf(Identifiers.qualified(name), s);
      if (oid == null) {
        String written = String.join(".", name);
        if (skipMissing) {
          s.notice(Notice.notice(SqlState.SUCCESSFUL_COMPLETION,
              "relation \"" + written + "\" does not exist, skipping"));
          return;
        }
        throw new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + written + "\" does not exist");
      }
      String relation = name.get(name.size() - 1);
      if (Relations.isSystemCatalog(oid)) {
        throw new PgException("42501", // insufficient_privilege
            "permission denied: \"" + relation + "\" is a system catalog");
      }
      if (kind == Kind.INDEX && Relations.index(oid, s.database()) == null) {
        throw new PgException("42809", // wrong_object_type
            "\"" + relation + "\" is not an index");
      }
      RoleNames.require(s, role);
    });
  }

}
