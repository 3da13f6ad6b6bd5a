package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.catalog.CatalogProcs;
import io.s3vector.sql.catalog.Identifiers;
import io.s3vector.sql.catalog.Oids;
import io.s3vector.sql.catalog.Relations;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Casts between text and the object-identifier alias types, as their input and output functions
 * read and print names: {@code 'items'::regclass}, {@code oid::regtype::text}, {@code
 * 'pg_catalog.array_in'::regproc}, {@code 'public'::regnamespace}. A relation name is looked up
 * in the session's database when the cast runs, so a prepared statement sees later DDL.
 * Between a reg* type and oid or an integer the value is the same number (see {@link Casts}).
 */
public final class RegCasts {
  private RegCasts() {}

  /** The conversion, or null when neither side is text-to/from-reg* (Casts decides then). */
  /** The OID of a type name as regtype's input reads it ("integer", "vector(3)"), or 42704. */
  public static long typeOid(String name) {
    return RegType.oidOf(name);
  }

  public static PgFunction.Impl converter(RelDataType from, RelDataType to, PgSession session) {
    String target = PgRelTypes.regName(to);
    String source = PgRelTypes.regName(from);
    if (target != null && textual(from)) {
      return args -> oidOf(target, (String) args[0], session, false);
    }
    if (source != null && target == null && PgRelTypes.pg(to) != null && isString(PgRelTypes.pg(to))) {
      return args -> nameOf(source, ((Number) args[0]).longValue(), session);
    }
    return null;
  }

  /** Runs a reg* type's input function on a constant now (an unknown name fails where it is). */
  public static void checkInput(RelDataType target, String text, PgSession session) {
    oidOf(PgRelTypes.regName(target), text, session, false);
  }

  private static boolean textual(RelDataType t) {
    return t.getSqlTypeName() == SqlTypeName.CHAR || t.getSqlTypeName() == SqlTypeName.NULL
        || PgRelTypes.isUnknown(t) || (PgRelTypes.pg(t) != null && isString(PgRelTypes.pg(t)));
  }

  private static boolean isString(PgType t) {
    return t == PgTypes.TEXT || t == PgTypes.VARCHAR || t == PgTypes.BPCHAR || t == PgTypes.NAME
        || t == PgTypes.UNKNOWN;
  }

  /**
   * The OID a name denotes for a reg* type; with {@code orNull} (the to_regclass family) null for
   * a missing object, else PostgreSQL's error. Digits are taken as an OID, as the input
   * functions do.
   */
  static Long oidOf(String type, String text, PgSession session, boolean orNull) {
    String t = text.trim();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(t);
    }
    Long oid = switch (type) {
      case "regtype" -> RegType.lookup(t);
      case "regclass" -> Relations.oidOf(t, session);
      case "regproc" -> {
        List<String> parts = Identifiers.parse(t);
        yield CatalogProcs.oidOf(parts.get(parts.size() - 1));
      }
      case "regnamespace" -> namespace(Identifiers.parse(t).get(0), session);
      case "regrole" -> {
        String role = Identifiers.parse(t).get(0);
        yield role.equals(session.user()) ? Oids.SUPERUSER
            : role.equals("pg_database_owner") ? Oids.DATABASE_OWNER : null;
      }
      default -> null;
    };
    if (oid == null && !orNull) {
      throw switch (type) {
        case "regtype" -> new PgException(SqlState.UNDEFINED_OBJECT, "type \"" + t + "\" does not exist");
        case "regclass" -> new PgException(SqlState.UNDEFINED_TABLE, "relation \"" + t + "\" does not exist");
        case "regproc" -> new PgException(SqlState.UNDEFINED_FUNCTION, "function \"" + t + "\" does not exist");
        case "regnamespace" -> new PgException("3F000", "schema \"" + t + "\" does not exist");
        default -> new PgException(SqlState.UNDEFINED_OBJECT, "role \"" + t + "\" does not exist");
      };
    }
    return oid;
  }

  /** The output function of a reg* type: the object's name, or the OID's digits. */
  static String nameOf(String type, long oid, PgSession session) {
    if (oid == 0) {
      return "-"; // InvalidOid, as every reg*out prints it
    }
    return switch (type) {
      case "regtype" -> RegType.nameOf(oid);
      case "regclass" -> Relations.nameOf(oid, session);
      case "regproc" -> {
        var p = CatalogProcs.byOid(oid);
        yield p == null ? Long.toString(oid) : p.name();
      }
      case "regnamespace" -> {
        String n = namespaceName(oid, session);
        yield n == null ? Long.toString(oid) : n;
      }
      default -> oid == Oids.SUPERUSER ? session.user()
          : oid == Oids.DATABASE_OWNER ? "pg_database_owner" : Long.toString(oid);
    };
  }

  static Long namespace(String name, PgSession session) {
    return switch (name) {
      case "pg_catalog" -> Oids.PG_CATALOG;
      case "pg_toast" -> Oids.PG_TOAST;
      case "public" -> Oids.PUBLIC;
      case "information_schema" -> Oids.INFORMATION_SCHEMA;
      default -> session.database().schemaNames().contains(name) ? Oids.namespace(name) : null;
    };
  }

  static String namespaceName(long oid, PgSession session) {
    for (String schema : session.database().schemaNames()) {
      if (Oids.namespace(schema) == oid) {
        return Identifiers.quote(schema);
      }
    }
    if (oid == Oids.PG_CATALOG) {
      return "pg_catalog";
    }
    if (oid == Oids.PG_TOAST) {
      return "pg_toast";
    }
    if (oid == Oids.PUBLIC) {
      return "public";
    }
    return oid == Oids.INFORMATION_SCHEMA ? "information_schema" : null;
  }
}
