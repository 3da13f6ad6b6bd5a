package io.s3vector.sql.session;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;

/**
 * The roles this server knows, as OWNER TO names them: the session's user (whom pg_roles lists
 * with pg_database_owner) and the words for them. Owners are not stored: every relation is the
 * database's one owner's, so OWNER TO a known role changes nothing.
 */
final class RoleNames {
  private RoleNames() {}

  /** Nothing when {@code role} is known; PostgreSQL's 42704 when not. */
  static void require(PgSession session, String role) {
    switch (role) {
      case "current_user", "session_user", "current_role", "pg_database_owner" -> { }
      default -> {
        if (!role.equals(session.user())) {
          throw new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist");
        }
      }
    }
  }
}
