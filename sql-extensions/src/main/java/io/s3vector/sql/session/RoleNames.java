package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.lex.Token;

/**
 * The roles OWNER TO may name: those pg_roles lists, the session's user (also spelt CURRENT_USER,
 * CURRENT_ROLE or SESSION_USER, unquoted) and pg_database_owner; PUBLIC is not a role, as in
 * PostgreSQL. Owners are not stored: every relation is the database's one owner's, so OWNER TO a
 * known role changes nothing.
 */
final class RoleNames {
  private RoleNames() {}

  /** Nothing when {@code role} is known; PostgreSQL's 42704 when not. */
  static void require(PgSession session, Token role) {
    boolean special = role.kind() == Token.Kind.WORD && (role.isWord("current_user")
        || role.isWord("current_role") || role.isWord("session_user"));
    if (special || role.text().equals(session.user()) || role.text().equals("pg_database_owner")) {
      return;
    }
    throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + role.text() + "\" does not exist");
  }
}
