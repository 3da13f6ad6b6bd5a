package io.s3vector.sql.catalog;

import io.s3vector.sql.QueryResult;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.RowCursor;
import io.s3vector.sql.session.PgSession;
import io.s3vector.sql.session.PlannedStatement;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.sql.types.TypeDescription;
import io.s3vector.sql.types.VectorType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The exact {@code pg_catalog.pg_type} queries pgjdbc's TypeInfoCache sends (42.7.x) when an
 * application uses a type by name or meets an unknown OID (e.g. PGvector's setObject/getObject),
 * answered from the same type descriptions as pg_type ({@link CatalogTypes}). They join
 * pg_namespace and use {@code = ANY(current_schemas(..))}, {@code generate_series} in FROM and
 * array subscripts, which the planner cannot run yet, so they are still recognised by their
 * normalised text; once it can, the relations of {@link PgCatalog} answer them and this goes.
 */
public final class PgTypeQueries {
  private static final String NAMESPACE_JOIN =
      "left join (select ns.oid as nspoid, ns.nspname, r.r from pg_namespace as ns join ( select"
          + " s.r, (current_schemas(false))[s.r] as nspname from generate_series(1,"
          + " array_upper(current_schemas(false), 1)) as s(r) ) as r using ( nspname ) ) as sp on"
          + " sp.nspoid = typnamespace";
  private static final String SCHEMA_FILTER =
      "and (n.nspname = $2 or $3 and n.nspname = any (current_schemas(true)))";

  private record Shape(String text, List<ResultColumn> columns, List<PgType> params,
      BiFunction<Object[], PgSession, List<Object[]>> answer) {}

  private static final List<Shape> SHAPES = List.of(
      // getPGType(String): simple name on the search path.
      new Shape("select pg_type.oid, typname from pg_catalog.pg_type " + NAMESPACE_JOIN
          + " where typname = $1 order by sp.r, pg_type.oid desc limit 1",
          cols("oid", PgTypes.OID, "typname", PgTypes.NAME), List.of(PgTypes.TEXT),
          (p, s) -> byName(p[0], t -> new Object[] {(long) t.oid(), t.name()})),
      // getPGType(String): schema-qualified or quoted name.
      new Shape("select t.oid, t.typname from pg_catalog.pg_type t join pg_catalog.pg_namespace n"
          + " on t.typnamespace = n.oid where t.typname = $1 " + SCHEMA_FILTER
          + " order by t.oid desc limit 1",
          cols("oid", PgTypes.OID, "typname", PgTypes.NAME),
          List.of(PgTypes.TEXT, PgTypes.TEXT, PgTypes.BOOL),
          (p, s) -> byName(p[0], t -> new Object[] {(long) t.oid(), t.name()})),
      // getPGArrayType(String)
      new Shape("select t.typarray, arr.typname from pg_catalog.pg_type t join"
          + " pg_catalog.pg_namespace n on t.typnamespace = n.oid join pg_catalog.pg_type arr on"
          + " arr.oid = t.typarray where t.typname = $1 " + SCHEMA_FILTER
          + " order by t.oid desc limit 1",
          cols("typarray", PgTypes.OID, "typname", PgTypes.NAME),
          List.of(PgTypes.TEXT, PgTypes.TEXT, PgTypes.BOOL),
          (p, s) -> {
            TypeDescription t = p[0] == null ? null : CatalogTypes.byName(p[0].toString());
            TypeDescription array = t == null ? null : CatalogTypes.byOid(t.array());
            return array == null ? List.of()
                : rows(new Object[] {(long) array.oid(), array.name()});
          }),
      // getPGArrayType(String), before PostgreSQL 8.3.
      new Shape("select t.oid, t.typname from pg_catalog.pg_type t join pg_catalog.pg_namespace n"
          + " on t.typnamespace = n.oid where t.typelem = (select oid from pg_catalog.pg_type where"
          + " typname = $1) and substring(t.typname, 1, 1) = '_' and t.typlen = -1 " + SCHEMA_FILTER
          + " order by t.typelem desc limit 1",
          cols("oid", PgTypes.OID, "typname", PgTypes.NAME),
          List.of(PgTypes.TEXT, PgTypes.TEXT, PgTypes.BOOL),
          (p, s) -> byName("_" + p[0], t -> new Object[] {(long) t.oid(), t.name()})),
      // getTypeInfo / getSQLType(int oid)
      new Shape("select typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname,"
          + " pg_type.oid from pg_catalog.pg_type " + NAMESPACE_JOIN
          + " where pg_type.oid = $1 order by sp.r, pg_type.oid desc",
          cols("is_array", PgTypes.BOOL, "typtype", PgTypes.TEXT, "typname", PgTypes.NAME,
              "oid", PgTypes.OID),
          List.of(PgTypes.OID),
          (p, s) -> byOid(p[0], t -> new Object[] {t.isArray(), String.valueOf(t.typtype()),
              t.name(), (long) t.oid()})),
      // getPGType(int oid)
      new Shape("select n.nspname = any(current_schemas(true)), n.nspname, t.typname from"
          + " pg_catalog.pg_type t join pg_catalog.pg_namespace n on t.typnamespace = n.oid where"
          + " t.oid = $1",
          cols("?column?", PgTypes.BOOL, "nspname", PgTypes.NAME, "typname", PgTypes.NAME),
          List.of(PgTypes.OID),
          (p, s) -> byOid(p[0], t -> new Object[] {true, namespace(t), t.name()})),
      // getTypeForAlias/array delimiter
      new Shape("select e.typdelim from pg_catalog.pg_type t, pg_catalog.pg_type e where t.oid ="
          + " $1 and t.typelem = e.oid",
          cols("typdelim", PgTypes.TEXT), List.of(PgTypes.OID),
          (p, s) -> byOid(p[0], t -> {
            TypeDescription e = t.elem() == 0 ? null : CatalogTypes.byOid(t.elem());
            return e == null ? null : new Object[] {String.valueOf(e.delimiter())};
          })),
      // getPGArrayElement(int oid)
      new Shape("select e.oid, n.nspname = any(current_schemas(true)), n.nspname, e.typname from"
          + " pg_catalog.pg_type t join pg_catalog.pg_type e on t.typelem = e.oid join"
          + " pg_catalog.pg_namespace n on t.typnamespace = n.oid where t.oid = $1",
          cols("oid", PgTypes.OID, "?column?", PgTypes.BOOL, "nspname", PgTypes.NAME,
              "typname", PgTypes.NAME),
          List.of(PgTypes.OID),
          (p, s) -> byOid(p[0], t -> {
            TypeDescription e = t.elem() == 0 ? null : CatalogTypes.byOid(t.elem());
            return e == null ? null : new Object[] {(long) e.oid(), true, namespace(t), e.name()};
          })));

  private PgTypeQueries() {}

  /**
   * The statement answering {@code sql} if it is one of pgjdbc's type queries, else null.
   * Parameter types the client declared in Parse win over the shape's (pgjdbc binds an OID as a
   * binary int8).
   */
  public static PlannedStatement match(String sql, int[] paramTypeOids) {
    String normal = normalise(sql);
    for (Shape shape : SHAPES) {
      if (normal.equals(normalise(shape.text()))) {
        List<PgType> params = new ArrayList<>(shape.params());
        for (int i = 0; i < params.size() && i < paramTypeOids.length; i++) {
          PgType declared = PgTypes.byOid(paramTypeOids[i]);
          if (declared != null && declared != PgTypes.UNKNOWN) {
            params.set(i, declared);
          }
        }
        return new PlannedStatement(sql) {
          @Override
          public List<PgType> parameterTypes() {
            return params;
          }

          @Override
          public List<ResultColumn> resultColumns() {
            return shape.columns();
          }

          @Override
          public QueryResult execute(PgSession session, Object[] parameters) {
            Iterator<Object[]> it = shape.answer().apply(parameters, session).iterator();
            RowCursor cursor = () -> it.hasNext() ? it.next() : null;
            return new QueryResult.Rows(shape.columns(), cursor, "SELECT");
          }
        };
      }
    }
    return null;
  }

  /** Lower case, single spaces, no spaces inside parentheses, no trailing ';', ? as $n. */
  static String normalise(String sql) {
    String s = sql.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1);
    }
    StringBuilder out = new StringBuilder();
    int param = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '?') {
        out.append('$').append(++param);
      } else {
        out.append(c);
      }
    }
    return out.toString().replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").trim();
  }

  private static String namespace(TypeDescription t) {
    return t.namespace() == TypeDescription.PUBLIC ? "public" : "pg_catalog";
  }

  private static List<ResultColumn> cols(Object... nameAndType) {
    List<ResultColumn> out = new ArrayList<>();
    for (int i = 0; i < nameAndType.length; i += 2) {
      out.add(ResultColumn.of((String) nameAndType[i], (PgType) nameAndType[i + 1]));
    }
    return out;
  }

  private static List<Object[]> rows(Object[]... rows) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] r : rows) {
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<Object[]> byName(Object name,
      java.util.function.Function<TypeDescription, Object[]> row) {
    if (name == null) {
      return List.of();
    }
    String n = name.toString();
    TypeDescription t = CatalogTypes.byName(n);
    if (t == null) {
      t = CatalogTypes.byName(switch (n) {
        case "int" , "integer" -> "int4";
        case "bigint" -> "int8";
        case "smallint" -> "int2";
        case "real" -> "float4";
        case "double precision" -> "float8";
        case "boolean" -> "bool";
        default -> n;
      });
    }
    return t == null ? List.of() : rows(row.apply(t));
  }

  private static List<Object[]> byOid(Object oid,
      java.util.function.Function<TypeDescription, Object[]> row) {
    if (oid == null) {
      return List.of();
    }
    long value = oid instanceof Number n ? n.longValue() : Long.parseLong(oid.toString().trim());
    TypeDescription t = CatalogTypes.byOid(value);
    return t == null ? List.of() : rows(row.apply(t));
  }

  /** pgvector's type OID (fixed here, assigned at CREATE EXTENSION in PostgreSQL). */
  public static int vectorOid() {
    return VectorType.OID;
  }
}
