package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.parser.SqlVectorTypeNameSpec;
import io.s3vector.sql.types.VectorText;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCollectionTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;

/**
 * PostgreSQL type names as written in casts and column definitions ({@code bigserial}, {@code
 * int8}, {@code double precision}, {@code vector(3)}, {@code real[]}, ...) and how storage keeps
 * them. {@code uuid} is kept as a TEXT column of canonical text with the SQL type "uuid".
 */
public final class TypeNames {
  private TypeNames() {}

  /** A resolved type name: its RelDataType, and for DDL whether it is a serial. */
  public record Resolved(RelDataType type, boolean serial, String sqlType) {}

  public static Resolved resolve(SqlDataTypeSpec spec) {
    SqlTypeNameSpec name = spec.getTypeNameSpec();
    if (name instanceof SqlVectorTypeNameSpec v) {
      int dim = v.dimension();
      if (dim >= 0) {
        checkVectorTypmod(dim);
      }
      return new Resolved(PgRelTypes.vector(dim), false, dim < 0 ? "vector" : "vector(" + dim + ")");
    }
    if (name instanceof SqlCollectionTypeNameSpec c) {
      Resolved element = resolveName(c.getElementTypeName());
      return new Resolved(PgRelTypes.arrayOf(element.type()), false, element.sqlType() + "[]");
    }
    return resolveName(name);
  }

  private static Resolved resolveName(SqlTypeNameSpec name) {
    String n = name.getTypeName().names.get(name.getTypeName().names.size() - 1)
        .toLowerCase(Locale.ROOT);
    if (name instanceof SqlBasicTypeNameSpec basic) {
      int precision = basic.getPrecision();
      return switch (n) {
        case "integer", "int" -> r(PgRelTypes.INT4, "integer");
        case "bigint" -> r(PgRelTypes.INT8, "bigint");
        case "smallint" -> r(PgRelTypes.INT2, "smallint");
        case "real", "float" -> r(PgRelTypes.FLOAT4, "real");
        case "double" -> r(PgRelTypes.FLOAT8, "double precision");
        case "boolean" -> r(PgRelTypes.BOOL, "boolean");
        case "varchar", "char", "character" -> precision > 0
            ? r(PgRelTypes.varchar(precision), "character varying(" + precision + ")")
            : r(PgRelTypes.TEXT, "character varying");
        case "decimal", "numeric" -> numeric(basic);
        case "uuid" -> r(PgRelTypes.UUID, "uuid");
        case "date" -> r(PgRelTypes.DATE, "date");
        case "timestamp" -> r(PgRelTypes.TIMESTAMP, "timestamp without time zone");
        case "timestamp_with_local_time_zone", "timestamp_tz", "timestamptz"
            -> r(PgRelTypes.TIMESTAMPTZ, "timestamp with time zone");
        default -> {
          if (n.contains("time_zone") || n.endsWith("_tz")) {
            yield r(PgRelTypes.TIMESTAMPTZ, "timestamp with time zone");
          }
          throw unsupported(n);
        }
      };
    }
    if (name instanceof SqlUserDefinedTypeNameSpec) {
      return switch (n) {
        case "bigserial", "serial8" -> new Resolved(PgRelTypes.INT8, true, "bigint");
        case "serial", "serial4" -> new Resolved(PgRelTypes.INT4, true, "integer");
        case "smallserial", "serial2" -> new Resolved(PgRelTypes.INT2, true, "smallint");
        case "int8" -> r(PgRelTypes.INT8, "bigint");
        case "int4", "int" -> r(PgRelTypes.INT4, "integer");
        case "int2" -> r(PgRelTypes.INT2, "smallint");
        case "float4" -> r(PgRelTypes.FLOAT4, "real");
        case "float8" -> r(PgRelTypes.FLOAT8, "double precision");
        case "bool" -> r(PgRelTypes.BOOL, "boolean");
        case "text" -> r(PgRelTypes.TEXT, "text");
        case "name" -> r(PgRelTypes.TEXT, "name");
        case "timestamptz" -> r(PgRelTypes.TIMESTAMPTZ, "timestamp with time zone");
        case "jsonb" -> r(PgRelTypes.JSONB, "jsonb");
        case "uuid" -> r(PgRelTypes.UUID, "uuid");
        case "json" -> r(PgRelTypes.JSON, "json");
        case "jsonpath" -> r(PgRelTypes.JSONPATH, "jsonpath");
        case "bytea" -> r(PgRelTypes.BYTEA, "bytea");
        case "interval" -> r(PgRelTypes.INTERVAL, "interval");
        case "numeric", "decimal" -> r(PgRelTypes.NUMERIC, "numeric");
        case "date" -> r(PgRelTypes.DATE, "date");
        case "oid" -> r(PgRelTypes.OID, "oid");
        case "regtype" -> r(PgRelTypes.REGTYPE, "regtype");
        case "regclass" -> r(PgRelTypes.REGCLASS, "regclass");
        case "regproc", "regprocedure" -> r(PgRelTypes.REGPROC, "regproc");
        case "regnamespace" -> r(PgRelTypes.REGNAMESPACE, "regnamespace");
        case "regrole" -> r(PgRelTypes.REGROLE, "regrole");
        case "vector" -> r(PgRelTypes.VECTOR, "vector");
        case "int2vector" -> r(PgRelTypes.INT2VECTOR, "int2vector");
        case "oidvector" -> r(PgRelTypes.OIDVECTOR, "oidvector");
        default -> throw new PgException(
            SqlState.UNDEFINED_OBJECT, "type \"" + n + "\" does not exist");
      };
    }
    throw unsupported(n);
  }

  /** {@code numeric}, {@code numeric(p)} (scale 0) or {@code numeric(p, s)}: numerictypmodin. */
  private static Resolved numeric(SqlBasicTypeNameSpec basic) {
    int precision = basic.getPrecision();
    if (precision == RelDataType.PRECISION_NOT_SPECIFIED) {
      return r(PgRelTypes.NUMERIC, "numeric");
    }
    int scale = basic.getScale() == RelDataType.SCALE_NOT_SPECIFIED ? 0 : basic.getScale();
    if (precision < 1 || precision > NumericRelType.MAX_PRECISION) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC precision " + precision
          + " must be between 1 and " + NumericRelType.MAX_PRECISION);
    }
    if (scale < NumericRelType.MIN_SCALE || scale > NumericRelType.MAX_SCALE) {
      throw new PgException(SqlState.INVALID_PARAMETER_VALUE, "NUMERIC scale " + scale
          + " must be between " + NumericRelType.MIN_SCALE + " and " + NumericRelType.MAX_SCALE);
    }
    return r(PgRelTypes.numeric(precision, scale), "numeric(" + precision + "," + scale + ")");
  }

  private static Resolved r(RelDataType type, String sqlType) {
    return new Resolved(type, false, sqlType);
  }

  private static PgException unsupported(String name) {
    return new PgException(
        SqlState.FEATURE_NOT_SUPPORTED, "type " + name + " is not supported yet");
  }

  /** pgvector's vector_typmod_in. */
  public static void checkVectorTypmod(int dim) {
    if (dim < 1) {
      throw new PgException(
          SqlState.INVALID_PARAMETER_VALUE, "dimensions for type vector must be at least 1");
    }
    if (dim > VectorText.MAX_DIM) {
      throw new PgException(
          SqlState.INVALID_PARAMETER_VALUE,
          "dimensions for type vector cannot exceed " + VectorText.MAX_DIM);
    }
  }

  /** The type of a stored column as RelNodes carry it. */
  public static RelDataType columnType(ColumnSpec c) {
    String sql = c.sqlType() == null ? "" : c.sqlType().toLowerCase(Locale.ROOT);
    return switch (c.type()) {
      case BOOL -> PgRelTypes.BOOL;
      case INT2 -> PgRelTypes.INT2;
      case INT4 -> PgRelTypes.INT4;
      case INT8 -> PgRelTypes.INT8;
      case FLOAT4 -> PgRelTypes.FLOAT4;
      case FLOAT8 -> PgRelTypes.FLOAT8;
      case TIMESTAMP -> PgRelTypes.TIMESTAMP;
      case TIMESTAMPTZ -> PgRelTypes.TIMESTAMPTZ;
      case DATE -> PgRelTypes.DATE;
      case VECTOR -> PgRelTypes.vector(c.dimension());
      case BYTEA -> PgRelTypes.BYTEA;
      case NUMERIC -> {
        int open = sql.indexOf('(');
        if (open < 0) {
          yield PgRelTypes.NUMERIC;
        }
        String[] ps = sql.substring(open + 1, sql.indexOf(')')).split(",");
        yield PgRelTypes.numeric(Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
      }
      case TEXT -> {
        if (sql.equals("jsonb")) {
          yield PgRelTypes.JSONB;
        }
        if (sql.equals("json")) {
          yield PgRelTypes.JSON;
        }
        if (sql.equals("uuid")) {
          yield PgRelTypes.UUID;
        }
        int open = sql.indexOf('(');
        if (sql.startsWith("character varying(") || sql.startsWith("varchar(")) {
          yield PgRelTypes.varchar(Integer.parseInt(sql.substring(open + 1, sql.indexOf(')'))));
        }
        yield PgRelTypes.TEXT;
      }
    };
  }

  /** The storage type of a column type, or 0A000 for types storage cannot keep. */
  public static ColumnType storageType(RelDataType type, String sqlType) {
    if (PgRelTypes.isVector(type)) {
      return ColumnType.VECTOR;
    }
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> ColumnType.BOOL;
      case SMALLINT -> ColumnType.INT2;
      case INTEGER -> ColumnType.INT4;
      case BIGINT -> ColumnType.INT8;
      case REAL -> ColumnType.FLOAT4;
      case DOUBLE -> ColumnType.FLOAT8;
      case VARCHAR -> ColumnType.TEXT;
      case DECIMAL -> ColumnType.NUMERIC;
      case VARBINARY -> ColumnType.BYTEA;
      case TIMESTAMP -> ColumnType.TIMESTAMP;
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> ColumnType.TIMESTAMPTZ;
      case DATE -> ColumnType.DATE;
      case OTHER -> {
        if (type == PgRelTypes.JSONB || type == PgRelTypes.JSON || type == PgRelTypes.UUID) {
          yield ColumnType.TEXT;
        }
        throw unsupported(sqlType);
      }
      default -> throw unsupported(sqlType);
    };
  }
}
