package io.s3vector.sql.bind;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The two-way map between PostgreSQL types (what clients see) and Calcite's RelDataTypes (what
 * RelNodes carry). Every value in a row has the Java class {@link PgType} documents; arrays other
 * than {@code float4[]} are {@code Object[]} of their elements.
 */
public final class PgRelTypes {
  public static final RelDataTypeFactory FACTORY = new SqlTypeFactoryImpl(RelDataTypeSystem.DEFAULT);

  public static final RelDataType BOOL = nullable(SqlTypeName.BOOLEAN);
  public static final RelDataType INT2 = nullable(SqlTypeName.SMALLINT);
  public static final RelDataType INT4 = nullable(SqlTypeName.INTEGER);
  public static final RelDataType INT8 = nullable(SqlTypeName.BIGINT);
  public static final RelDataType FLOAT4 = nullable(SqlTypeName.REAL);
  public static final RelDataType FLOAT8 = nullable(SqlTypeName.DOUBLE);
  public static final RelDataType NUMERIC =
      FACTORY.createTypeWithNullability(FACTORY.createSqlType(SqlTypeName.DECIMAL, 38, 10), true);
  public static final RelDataType TEXT = nullable(SqlTypeName.VARCHAR);
  public static final RelDataType BYTEA = nullable(SqlTypeName.VARBINARY);
  public static final RelDataType DATE = nullable(SqlTypeName.DATE);
  public static final RelDataType TIMESTAMP =
      FACTORY.createTypeWithNullability(FACTORY.createSqlType(SqlTypeName.TIMESTAMP, 6), true);
  public static final RelDataType TIMESTAMPTZ =
      FACTORY.createTypeWithNullability(
          FACTORY.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 6), true);
  public static final RelDataType FLOAT4_ARRAY =
      FACTORY.createTypeWithNullability(FACTORY.createArrayType(FLOAT4, -1), true);
  public static final RelDataType VECTOR = new PgRelType(PgTypes.VECTOR, -1);
  public static final RelDataType JSONB = new PgRelType(PgTypes.JSONB, -1);
  public static final RelDataType JSON = new PgRelType(PgTypes.JSON, -1);
  public static final RelDataType JSONPATH = new PgRelType(PgTypes.JSONPATH, -1);
  public static final RelDataType OID = new PgRelType(PgTypes.OID, -1);
  public static final RelDataType UUID = new PgRelType(PgTypes.UUID, -1);
  public static final RelDataType INTERVAL = new PgRelType(PgTypes.INTERVAL, -1);
  public static final RelDataType UUID_ARRAY =
      FACTORY.createTypeWithNullability(FACTORY.createArrayType(UUID, -1), true);
  public static final RelDataType UNKNOWN = new PgRelType(PgTypes.UNKNOWN, -1);
  /** regtype: an oid that reads and prints as a type name. */
  public static final RelDataType REGTYPE = new PgRelType(PgTypes.OID, -1, "regtype");
  /** regclass, regproc, regnamespace, regrole: oids that read and print as object names. */
  public static final RelDataType REGCLASS = new PgRelType(PgTypes.OID, -1, "regclass");
  public static final RelDataType REGPROC = new PgRelType(PgTypes.OID, -1, "regproc");
  /** {@code "char"} (the catalogs' kind columns): text-like in expressions, OID 18 on the wire. */
  public static final RelDataType CHAR = new PgRelType(PgTypes.CHAR, -1);
  public static final RelDataType REGNAMESPACE = new PgRelType(PgTypes.OID, -1, "regnamespace");
  public static final RelDataType REGROLE = new PgRelType(PgTypes.OID, -1, "regrole");
  /** void: what pg_advisory_lock() and friends return. */
  public static final RelDataType VOID = new PgRelType(PgTypes.VOID, -1);
  /** The catalogs' 0-based arrays (pg_index.indkey, indclass, ...). */
  public static final RelDataType INT2VECTOR = new CatalogVectorRelType(PgTypes.INT2VECTOR, INT2);
  public static final RelDataType OIDVECTOR = new CatalogVectorRelType(PgTypes.OIDVECTOR, OID);

  private PgRelTypes() {}

  private static RelDataType nullable(SqlTypeName name) {
    return FACTORY.createTypeWithNullability(FACTORY.createSqlType(name), true);
  }

  public static RelDataType vector(int dim) {
    return dim > 0 ? new PgRelType(PgTypes.VECTOR, dim) : VECTOR;
  }

  public static RelDataType varchar(int length) {
    return FACTORY.createTypeWithNullability(FACTORY.createSqlType(SqlTypeName.VARCHAR, length), true);
  }

  /** {@code numeric(precision, scale)} (checked by the caller, see {@link TypeNames}). */
  public static RelDataType numeric(int precision, int scale) {
    return new NumericRelType(precision, scale);
  }

  public static RelDataType arrayOf(RelDataType element) {
    return FACTORY.createTypeWithNullability(FACTORY.createArrayType(element, -1), true);
  }

  /** The RelDataType of a PostgreSQL type with a type modifier (-1 for none). */
  public static RelDataType of(PgType type, int typmod) {
    return switch (type.name()) {
      case "bool" -> BOOL;
      case "int2" -> INT2;
      case "int4" -> INT4;
      case "int8" -> INT8;
      case "float4" -> FLOAT4;
      case "float8" -> FLOAT8;
      case "numeric" -> typmod >= 4 ? NumericRelType.ofTypmod(typmod) : NUMERIC;
      case "varchar" -> typmod > 4 ? varchar(typmod - 4) : TEXT;
      case "text", "name", "bpchar" -> TEXT;
      case "timestamp" -> TIMESTAMP;
      case "timestamptz" -> TIMESTAMPTZ;
      case "vector" -> vector(typmod);
      case "jsonb" -> JSONB;
      case "json" -> JSON;
      case "jsonpath" -> JSONPATH;
      case "bytea" -> BYTEA;
      case "interval" -> INTERVAL;
      case "date" -> DATE;
      case "oid" -> OID;
      case "uuid" -> UUID;
      case "_uuid" -> UUID_ARRAY;
      case "_float4" -> FLOAT4_ARRAY;
      case "unknown" -> UNKNOWN;
      case "void" -> VOID;
      case "int2vector" -> INT2VECTOR;
      case "oidvector" -> OIDVECTOR;
      default -> {
        PgType element = PgTypes.elementOf(type);
        if (element != null) {
          yield arrayOf(of(element, -1));
        }
        throw new PgException(
          SqlState.FEATURE_NOT_SUPPORTED, "type " + type.name() + " is not supported yet");
      }
    };
  }

  /** The PostgreSQL type of a RelDataType, or null for one clients cannot receive. */
  public static PgType pg(RelDataType type) {
    if (type instanceof PgRelType p) {
      return p.pgType();
    }
    if (type instanceof CatalogVectorRelType v) {
      return v.pgType();
    }
    return switch (type.getSqlTypeName()) {
      case BOOLEAN -> PgTypes.BOOL;
      case SMALLINT -> PgTypes.INT2;
      case INTEGER -> PgTypes.INT4;
      case BIGINT -> PgTypes.INT8;
      case REAL, FLOAT -> PgTypes.FLOAT4;
      case DOUBLE -> PgTypes.FLOAT8;
      case DECIMAL -> PgTypes.NUMERIC;
      case VARBINARY, BINARY -> PgTypes.BYTEA;
      case VARCHAR -> isBounded(type) ? PgTypes.VARCHAR : PgTypes.TEXT;
      case CHAR, NULL -> PgTypes.TEXT;
      case TIMESTAMP -> PgTypes.TIMESTAMP;
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> PgTypes.TIMESTAMPTZ;
      case DATE -> PgTypes.DATE;
      case ARRAY -> {
        PgType element = pg(type.getComponentType());
        yield element == null || isRegtype(type.getComponentType()) ? null : PgTypes.arrayOf(element);
      }
      default -> null;
    };
  }

  /**
   * PostgreSQL's atttypmod: a vector's dimension, a varchar's length + 4, a numeric's precision and
   * scale packed, else -1.
   */
  public static int typmod(RelDataType type) {
    if (type instanceof PgRelType p) {
      return p.typmod();
    }
    if (type instanceof NumericRelType n) {
      return n.typmod();
    }
    if (type.getSqlTypeName() == SqlTypeName.VARCHAR && isBounded(type)) {
      return type.getPrecision() + 4;
    }
    return -1;
  }

  private static boolean isBounded(RelDataType type) {
    return type.getPrecision() > 0 && type.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED
        && type.getPrecision() < FACTORY.getTypeSystem().getMaxPrecision(SqlTypeName.VARCHAR);
  }

  /** The name PostgreSQL's format_type prints (error messages): "integer", "vector", ... */
  public static String displayName(RelDataType type) {
    if (type instanceof CatalogVectorRelType v) {
      return v.pgType().name();
    }
    if (type.getSqlTypeName() == SqlTypeName.ARRAY) {
      return displayName(type.getComponentType()) + "[]";
    }
    if (type.getSqlTypeName() == SqlTypeName.CHAR) {
      return "unknown";
    }
    if (regName(type) != null) {
      return regName(type);
    }
    PgType pg = pg(type);
    if (pg == null) {
      return type.getSqlTypeName().getName().toLowerCase(java.util.Locale.ROOT);
    }
    return switch (pg.name()) {
      case "int2" -> "smallint";
      case "int4" -> "integer";
      case "int8" -> "bigint";
      case "float4" -> "real";
      case "float8" -> "double precision";
      case "bool" -> "boolean";
      case "varchar" -> "character varying";
      case "timestamp" -> "timestamp without time zone";
      case "timestamptz" -> "timestamp with time zone";
      case "_float4" -> "real[]";
      default -> pg.name();
    };
  }

  public static boolean isVector(RelDataType t) {
    return t instanceof PgRelType p && p.pgType() == PgTypes.VECTOR;
  }

  public static boolean isRegtype(RelDataType t) {
    return t instanceof PgRelType p && "regtype".equals(p.label());
  }

  /** The name of an object-identifier alias type (regtype, regclass, regproc, ...), or null. */
  public static String regName(RelDataType t) {
    return t instanceof PgRelType p && p.label() != null && p.label().startsWith("reg")
        ? p.label() : null;
  }

  public static boolean isUnknown(RelDataType t) {
    return t instanceof PgRelType p && p.pgType() == PgTypes.UNKNOWN;
  }

  public static boolean isText(RelDataType t) {
    SqlTypeName n = t.getSqlTypeName();
    return n == SqlTypeName.VARCHAR || n == SqlTypeName.CHAR
        || (t instanceof PgRelType p && p.pgType() == PgTypes.CHAR);
  }

  /** int2 < int4 < int8 < numeric < float4 < float8: PostgreSQL's numeric promotion order, or -1. */
  public static int numericRank(RelDataType t) {
    return switch (t.getSqlTypeName()) {
      case SMALLINT -> 0;
      case INTEGER -> 1;
      case BIGINT -> 2;
      case DECIMAL -> 3;
      case REAL -> 4;
      case DOUBLE -> 5;
      default -> -1;
    };
  }

  public static RelDataType ofRank(int rank) {
    return switch (rank) {
      case 0 -> INT2;
      case 1 -> INT4;
      case 2 -> INT8;
      case 3 -> NUMERIC;
      case 4 -> FLOAT4;
      default -> FLOAT8;
    };
  }
}
