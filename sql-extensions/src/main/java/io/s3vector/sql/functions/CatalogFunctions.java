package io.s3vector.sql.functions;

import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.catalog.CatalogProcs;
import io.s3vector.sql.catalog.FormatType;
import io.s3vector.sql.catalog.IndexDefs;
import io.s3vector.sql.catalog.InstalledExtensions;
import io.s3vector.sql.catalog.Oids;
import io.s3vector.sql.catalog.Relations;
import io.s3vector.sql.catalog.UserTables;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.storage.table.TableConstraint;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The system information functions clients call on the catalogs ({@code format_type}, {@code
 * pg_get_indexdef}, {@code pg_get_constraintdef}, {@code pg_get_expr}, the {@code *_is_visible}
 * tests, {@code pg_get_userbyid}, {@code obj_description}, {@code current_schemas}, {@code
 * to_regclass}, {@code set_config}, {@code pg_backend_pid}, the privilege tests, ...) and the
 * advisory locks. Those that read the database or the session are bound to the session that
 * prepares the statement (statements are not shared between sessions) and read it when they run.
 */
public final class CatalogFunctions {
  private CatalogFunctions() {}

  /** Resolves {@code name(args)} if it is one of ours, else null. */
  public static Resolved resolve(String name, List<RelDataType> args, PgSession session) {
    int n = args.size();
    return switch (name) {
      case "format_type" -> n == 2 && oidLike(args.get(0)) && intLike(args.get(1))
          ? new Resolved(new PgFunction(name, SqlKind.OTHER_FUNCTION, false, true,
              a -> a[0] == null ? null : FormatType.format(((Number) a[0]).longValue(),
                  a[1] == null ? null : ((Number) a[1]).intValue())),
              List.of(PgRelTypes.OID, PgRelTypes.INT4), PgRelTypes.TEXT)
          : null;
      case "pg_get_indexdef" -> indexdef(args, session);
      case "pg_get_constraintdef" -> (n == 1 || n == 2) && oidLike(args.get(0))
          && (n == 1 || boolLike(args.get(1)))
          ? live(name, n == 1 ? List.of(PgRelTypes.OID) : List.of(PgRelTypes.OID, PgRelTypes.BOOL),
              PgRelTypes.TEXT, a -> constraintdef(((Number) a[0]).longValue(),
                  n == 2 && Boolean.TRUE.equals(a[1]), session))
          : null;
      case "pg_get_expr" -> (n == 2 || n == 3) && textLike(args.get(0)) && oidLike(args.get(1))
          // our expression trees are kept as their SQL text
          ? fixed(name, n == 2 ? List.of(PgRelTypes.TEXT, PgRelTypes.OID)
              : List.of(PgRelTypes.TEXT, PgRelTypes.OID, PgRelTypes.BOOL), PgRelTypes.TEXT, a -> a[0])
          : null;
      case "pg_table_is_visible" -> n == 1 && oidLike(args.get(0))
          ? live(name, List.of(PgRelTypes.OID), PgRelTypes.BOOL,
              a -> Relations.visible(((Number) a[0]).longValue(), session))
          : null;
      case "pg_type_is_visible", "pg_function_is_visible",
          "pg_collation_is_visible", "pg_opclass_is_visible", "pg_operator_is_visible",
          "pg_opfamily_is_visible", "pg_conversion_is_visible", "pg_statistics_obj_is_visible",
          "pg_ts_config_is_visible" -> n == 1 && oidLike(args.get(0))
          // types, functions, ... are all in pg_catalog or public
          ? fixed(name, List.of(PgRelTypes.OID), PgRelTypes.BOOL, a -> true)
          : null;
      case "pg_get_userbyid" -> n == 1 && oidLike(args.get(0))
          ? live(name, List.of(PgRelTypes.OID), PgRelTypes.TEXT,
              a -> RegCasts.nameOf("regrole", ((Number) a[0]).longValue(), session))
          : null;
      case "obj_description" -> (n == 1 || n == 2) && oidLike(args.get(0))
          && (n == 1 || textLike(args.get(1)))
          ? live(name, n == 1 ? List.of(PgRelTypes.OID) : List.of(PgRelTypes.OID, PgRelTypes.TEXT),
              PgRelTypes.TEXT, a -> description(((Number) a[0]).longValue(),
                  n == 2 ? (String) a[1] : null, session))
          : null;
      case "col_description" -> n == 2 && oidLike(args.get(0)) && intLike(args.get(1))
          ? live(name, List.of(PgRelTypes.OID, PgRelTypes.INT4), PgRelTypes.TEXT, a -> {
              UserTables.UserTable t = Relations.table(((Number) a[0]).longValue(), session.database());
              int attnum = ((Number) a[1]).intValue();
              return t == null || attnum < 1 || attnum > t.columns().size() ? null
                  : t.schema().comment(t.columns().get(attnum - 1).spec().name());
            })
          : null;
      case "shobj_description" -> n == 2 && oidLike(args.get(0)) && textLike(args.get(1))
          ? fixed(name, List.of(PgRelTypes.OID, PgRelTypes.TEXT), PgRelTypes.TEXT, a -> null)
          : null;
      case "current_schemas" -> n == 1 && boolLike(args.get(0))
          ? live(name, List.of(PgRelTypes.BOOL), PgRelTypes.arrayOf(PgRelTypes.TEXT),
              a -> currentSchemas(session, Boolean.TRUE.equals(a[0])))
          : null;
      case "to_regtype", "to_regclass", "to_regproc", "to_regprocedure", "to_regnamespace",
          "to_regrole" -> n == 1 && textLike(args.get(0)) ? toReg(name, session) : null;
      case "set_config" -> n == 3 && textLike(args.get(0)) && textLike(args.get(1))
          && boolLike(args.get(2))
          ? live(name, List.of(PgRelTypes.TEXT, PgRelTypes.TEXT, PgRelTypes.BOOL), PgRelTypes.TEXT,
              a -> {
                session.settings().set((String) a[0], (String) a[1], Boolean.TRUE.equals(a[2]),
                    session.block().inBlock());
                return session.settings().get((String) a[0]);
              }, false)
          : null;
      case "pg_backend_pid" -> n == 0
          ? live(name, List.of(), PgRelTypes.INT4, a -> session.processId())
          : null;
      // every server of a store writes (pg_restore asks before it restores)
      case "pg_is_in_recovery" -> n == 0
          ? fixed(name, List.of(), PgRelTypes.BOOL, a -> false)
          : null;
      // nextval('t_id_seq'): the next value of a serial column's sequence (the same values
      // INSERT takes; not transactional, as PostgreSQL's sequences are not); setval, currval,
      // lastval
      case "nextval", "setval", "currval", "lastval" -> SequenceFunctions.resolve(name, args, session);
      case "pg_encoding_to_char" -> n == 1 && intLike(args.get(0))
          ? fixed(name, List.of(PgRelTypes.INT4), PgRelTypes.TEXT,
              a -> switch (((Number) a[0]).intValue()) {
                case 0 -> "SQL_ASCII";
                case 6 -> "UTF8";
                default -> "";
              })
          : null;
      case "has_table_privilege", "has_schema_privilege", "has_database_privilege",
          "has_function_privilege", "has_column_privilege", "has_sequence_privilege",
          "has_any_column_privilege", "has_type_privilege", "has_language_privilege",
          "has_tablespace_privilege" -> n >= 2 && n <= 4
          // whoever connects is the superuser: every privilege is held
          ? fixed(name, argTypesAsGiven(args), PgRelTypes.BOOL, a -> true)
          : null;
      case "pg_get_partkeydef", "pg_get_statisticsobjdef_columns", "pg_get_triggerdef",
          "pg_get_ruledef", "pg_get_viewdef" -> (n == 1 || n == 2) && oidLike(args.get(0))
          // no partitions, statistics objects, triggers, rules or views exist
          ? fixed(name, argTypesAsGiven(args), PgRelTypes.TEXT, a -> null)
          : null;
      case "pg_relation_is_publishable" -> n == 1 && oidLike(args.get(0))
          ? live(name, List.of(PgRelTypes.OID), PgRelTypes.BOOL,
              a -> Relations.table(((Number) a[0]).longValue(), session.database()) != null)
          : null;
      case "pg_get_function_result", "pg_get_function_arguments",
          "pg_get_function_identity_arguments" -> n == 1 && oidLike(args.get(0))
          ? fixed(name, List.of(PgRelTypes.OID), PgRelTypes.TEXT, a -> {
              CatalogProcs.Proc p = CatalogProcs.byOid(((Number) a[0]).longValue());
              return p == null ? null : name.endsWith("result") ? p.result() : p.arguments();
            })
          : null;
      case "pg_get_serial_sequence" -> n == 2 && textLike(args.get(0)) && textLike(args.get(1))
          ? live(name, List.of(PgRelTypes.TEXT, PgRelTypes.TEXT), PgRelTypes.TEXT,
              a -> serialSequence((String) a[0], (String) a[1], session))
          : null;
      case "array_to_string" -> (n == 2 || n == 3)
          && args.get(0).getSqlTypeName() == SqlTypeName.ARRAY && textLike(args.get(1))
          && (n == 2 || textLike(args.get(2))) ? arrayToString(args, n) : null;
      // the transaction's clock, as PostgreSQL's: now() is the same all through a transaction
      case "now", "transaction_timestamp" -> n == 0
          ? live(name, List.of(), PgRelTypes.TIMESTAMPTZ, a -> session.transactionStart()) : null;
      case "statement_timestamp" -> n == 0
          ? live(name, List.of(), PgRelTypes.TIMESTAMPTZ, a -> session.statementStart()) : null;
      case "current_date" -> n == 0
          ? live(name, List.of(), PgRelTypes.DATE, a -> java.time.LocalDate.ofInstant(
              session.transactionStart(), java.time.ZoneOffset.UTC)) : null;
      default -> name.startsWith("pg_") && name.contains("advisory")
          ? AdvisoryFunctions.resolve(name, args, session) : null;
    };
  }

  /** array_to_string(array, delimiter [, null_string]): NULL elements skipped unless replaced. */
  private static Resolved arrayToString(List<RelDataType> args, int n) {
    io.s3vector.sql.types.PgType element = PgRelTypes.pg(args.get(0).getComponentType());
    if (element == null) {
      return null;
    }
    List<RelDataType> types = new ArrayList<>(List.of(args.get(0), PgRelTypes.TEXT));
    if (n == 3) {
      types.add(PgRelTypes.TEXT);
    }
    return new Resolved(new PgFunction("array_to_string", SqlKind.OTHER_FUNCTION, false, true, a -> {
      if (a[0] == null || a[1] == null) {
        return null;
      }
      Object[] items = a[0] instanceof float[] f ? boxed(f) : (Object[]) a[0];
      StringBuilder out = new StringBuilder();
      boolean first = true;
      for (Object item : items) {
        if (item == null && (n == 2 || a[2] == null)) {
          continue;
        }
        out.append(first ? "" : (String) a[1]);
        out.append(item == null ? (String) a[2] : element.encodeText(item));
        first = false;
      }
      return out.toString();
    }), types, PgRelTypes.TEXT);
  }

  private static Object[] boxed(float[] f) {
    Object[] out = new Object[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  private static Resolved indexdef(List<RelDataType> args, PgSession session) {
    int n = args.size();
    if (!((n == 1 || n == 3) && oidLike(args.get(0))
        && (n == 1 || (intLike(args.get(1)) && boolLike(args.get(2)))))) {
      return null;
    }
    return live("pg_get_indexdef", n == 1 ? List.of(PgRelTypes.OID)
        : List.of(PgRelTypes.OID, PgRelTypes.INT4, PgRelTypes.BOOL), PgRelTypes.TEXT, a -> {
          Relations.IndexOf found = Relations.index(((Number) a[0]).longValue(), session.database());
          if (found == null) {
            return null;
          }
          int column = n == 1 ? 0 : ((Number) a[1]).intValue();
          boolean pretty = n == 3 && Boolean.TRUE.equals(a[2]);
          return column == 0 ? IndexDefs.definition(found.table(), found.index(), pretty)
              : IndexDefs.column(found.index(), column);
        });
  }

  private static String constraintdef(long oid, boolean pretty, PgSession session) {
    for (UserTables.UserTable t : UserTables.of(session.database())) {
      for (TableConstraint c : t.schema().constraints()) {
        if (Oids.constraint(t.table(), c.name()) == oid) {
          return IndexDefs.constraint(t, c, pretty);
        }
      }
      for (UserTables.Index i : t.indexes()) {
        if (i.primary() && Oids.constraint(t.table(), i.name()) == oid) {
          return IndexDefs.constraint(t, i.constraint(), pretty);
        }
      }
    }
    return null;
  }

  private static String description(long oid, String catalog, PgSession session) {
    if (catalog == null || catalog.equals("pg_class")) {
      UserTables.UserTable t = Relations.table(oid, session.database());
      if (t != null) {
        return t.schema().comment();
      }
    }
    if (catalog == null || catalog.equals("pg_namespace")) {
      if (oid == Oids.PG_CATALOG) {
        return "system catalog schema";
      }
      if (oid == Oids.PG_TOAST) {
        return "reserved schema for TOAST tables";
      }
      if (oid == Oids.PUBLIC) {
        return "standard public schema";
      }
    }
    if (catalog == null || catalog.equals("pg_extension")) {
      if (oid == Oids.PLPGSQL_EXTENSION) {
        return InstalledExtensions.PLPGSQL.comment();
      }
      if (oid == Oids.VECTOR_EXTENSION) {
        return InstalledExtensions.VECTOR.comment();
      }
    }
    return null;
  }

  private static String serialSequence(String table, String column, PgSession session) {
    Long oid = Relations.oidOf(table, session);
    UserTables.UserTable t = oid == null ? null : Relations.table(oid, session.database());
    if (t == null) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.UNDEFINED_TABLE,
          "relation \"" + table + "\" does not exist");
    }
    UserTables.Column c = t.column(io.s3vector.sql.catalog.Identifiers.parse(column).get(0));
    if (c == null) {
      throw new io.s3vector.sql.PgException(io.s3vector.sql.SqlState.UNDEFINED_COLUMN,
          "column \"" + column + "\" of relation \"" + t.name() + "\" does not exist");
    }
    if (c.spec().serial()) {
      return io.s3vector.sql.catalog.Identifiers.quote(t.schemaName()) + "." + t.sequenceName(c);
    }
    // a sequence of CREATE SEQUENCE owned by the column (OWNED BY, as pg_dump restores a serial)
    for (var s : io.s3vector.sql.catalog.StandaloneSequences.of(session.database())) {
      if (s.spec().isOwnedBy(t.table().name()) && c.spec().name().equals(s.spec().ownedColumn())) {
        return io.s3vector.sql.catalog.Identifiers.quote(s.schemaName()) + "."
            + io.s3vector.sql.catalog.Identifiers.quote(s.name());
      }
    }
    return null;
  }

  /** current_schemas(include_implicit): the path's existing schemas, pg_catalog first if implicit. */
  private static Object[] currentSchemas(PgSession session, boolean implicit) {
    List<String> path = new java.util.ArrayList<>(io.s3vector.sql.session.SearchPath.schemas(session));
    if (implicit && !path.contains("pg_catalog")) {
      path.add(0, "pg_catalog");
    }
    return path.toArray();
  }

  private static Resolved toReg(String name, PgSession session) {
    String type = name.substring(3).equals("regprocedure") ? "regproc" : name.substring(3);
    RelDataType result = switch (type) {
      case "regtype" -> PgRelTypes.REGTYPE;
      case "regclass" -> PgRelTypes.REGCLASS;
      case "regproc" -> PgRelTypes.REGPROC;
      case "regnamespace" -> PgRelTypes.REGNAMESPACE;
      default -> PgRelTypes.REGROLE;
    };
    return live(name, List.of(PgRelTypes.TEXT), result,
        a -> RegCasts.oidOf(type, (String) a[0], session, true));
  }

  /** A strict, deterministic function of its arguments only. */
  static Resolved fixed(String name, List<RelDataType> argTypes, RelDataType result,
      PgFunction.Impl impl) {
    return new Resolved(new PgFunction(name, true, impl), argTypes, result);
  }

  /** A strict function that reads the session or the database when it runs (never folded). */
  static Resolved live(String name, List<RelDataType> argTypes, RelDataType result,
      PgFunction.Impl impl) {
    return live(name, argTypes, result, impl, true);
  }

  static Resolved live(String name, List<RelDataType> argTypes, RelDataType result,
      PgFunction.Impl impl, boolean strict) {
    return new Resolved(new PgFunction(name, SqlKind.OTHER_FUNCTION, strict, false, impl),
        argTypes, result);
  }

  /** Arguments kept as they are (an untyped literal read as text). */
  private static List<RelDataType> argTypesAsGiven(List<RelDataType> args) {
    List<RelDataType> out = new ArrayList<>();
    for (RelDataType t : args) {
      out.add(Operators.isUnknownType(t) ? PgRelTypes.TEXT : t);
    }
    return out;
  }

  static boolean oidLike(RelDataType t) {
    int rank = PgRelTypes.numericRank(t);
    return PgRelTypes.pg(t) == PgTypes.OID || (rank >= 0 && rank <= 2)
        || Operators.isUnknownType(t);
  }

  static boolean intLike(RelDataType t) {
    int rank = PgRelTypes.numericRank(t);
    return (rank >= 0 && rank <= 2) || Operators.isUnknownType(t);
  }

  static boolean textLike(RelDataType t) {
    return PgRelTypes.isText(t) || Operators.isUnknownType(t);
  }

  static boolean boolLike(RelDataType t) {
    return t.getSqlTypeName() == SqlTypeName.BOOLEAN || Operators.isUnknownType(t);
  }
}
