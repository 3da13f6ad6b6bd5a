package io.s3vector.sql.types;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The registry of the types we speak: by OID (wire) and by name (catalog, casts). */
public final class PgTypes {
  public static final PgType BOOL = BoolType.INSTANCE;
  public static final PgType INT2 = Int2Type.INSTANCE;
  public static final PgType INT4 = Int4Type.INSTANCE;
  public static final PgType INT8 = Int8Type.INSTANCE;
  public static final PgType FLOAT4 = Float4Type.INSTANCE;
  public static final PgType FLOAT8 = Float8Type.INSTANCE;
  public static final PgType NUMERIC = NumericType.INSTANCE;
  public static final PgType TEXT = StringType.TEXT;
  public static final PgType VARCHAR = StringType.VARCHAR;
  public static final PgType BPCHAR = StringType.BPCHAR;
  public static final PgType NAME = StringType.NAME;
  /** {@code "char"}: only the catalogs' columns have it (not in {@link #all}: pg_type lists it). */
  public static final PgType CHAR = StringType.CHAR;
  public static final PgType JSON = StringType.JSON;
  public static final PgType UNKNOWN = StringType.UNKNOWN;
  public static final PgType JSONB = JsonbType.INSTANCE;
  public static final PgType TIMESTAMP = TimestampType.INSTANCE;
  public static final PgType TIMESTAMPTZ = TimestampTzType.INSTANCE;
  public static final PgType OID = OidType.INSTANCE;
  public static final PgType VECTOR = VectorType.INSTANCE;
  public static final PgType FLOAT4_ARRAY = Float4ArrayType.INSTANCE;
  public static final PgType UUID = UuidType.INSTANCE;
  public static final PgType UUID_ARRAY = UuidArrayType.INSTANCE;
  public static final PgType VOID = VoidType.INSTANCE;
  public static final PgType JSONPATH = JsonPathType.INSTANCE;
  public static final PgType BYTEA = ByteaType.INSTANCE;
  public static final PgType INTERVAL = IntervalType.INSTANCE;
  public static final PgType DATE = DateType.INSTANCE;

  // One-dimensional arrays of the built-in types, with PostgreSQL's OIDs (float4[] and uuid[]
  // have their own classes above).
  public static final ArrayType BOOL_ARRAY = new ArrayType(1000, BOOL);
  public static final ArrayType INT2_ARRAY = new ArrayType(1005, INT2);
  public static final ArrayType INT4_ARRAY = new ArrayType(1007, INT4);
  public static final ArrayType INT8_ARRAY = new ArrayType(1016, INT8);
  public static final ArrayType TEXT_ARRAY = new ArrayType(1009, TEXT);
  public static final ArrayType VARCHAR_ARRAY = new ArrayType(1015, VARCHAR);
  public static final ArrayType BPCHAR_ARRAY = new ArrayType(1014, BPCHAR);
  public static final ArrayType NAME_ARRAY = new ArrayType(1003, NAME);
  public static final ArrayType FLOAT8_ARRAY = new ArrayType(1022, FLOAT8);
  public static final ArrayType NUMERIC_ARRAY = new ArrayType(1231, NUMERIC);
  public static final ArrayType OID_ARRAY = new ArrayType(1028, OID);
  public static final ArrayType JSON_ARRAY = new ArrayType(199, JSON);
  public static final ArrayType JSONB_ARRAY = new ArrayType(3807, JSONB);
  public static final ArrayType TIMESTAMP_ARRAY = new ArrayType(1115, TIMESTAMP);
  public static final ArrayType TIMESTAMPTZ_ARRAY = new ArrayType(1185, TIMESTAMPTZ);
  public static final ArrayType JSONPATH_ARRAY = new ArrayType(4073, JSONPATH);
  public static final ArrayType BYTEA_ARRAY = new ArrayType(1001, BYTEA);
  public static final ArrayType INTERVAL_ARRAY = new ArrayType(1187, INTERVAL);
  public static final ArrayType DATE_ARRAY = new ArrayType(1182, DATE);
  /** The catalogs' 0-based, space-separated arrays. */
  public static final CatalogVectorType INT2VECTOR = new CatalogVectorType(22, "int2vector", INT2, 1006);
  public static final CatalogVectorType OIDVECTOR = new CatalogVectorType(30, "oidvector", OID, 1013);

  private static final List<PgType> ALL =
      List.of(BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, VARCHAR, BPCHAR, NAME, JSON,
          UNKNOWN, JSONB, TIMESTAMP, TIMESTAMPTZ, OID, VECTOR, FLOAT4_ARRAY, UUID,
          UUID_ARRAY, BOOL_ARRAY, INT2_ARRAY, INT4_ARRAY, INT8_ARRAY, TEXT_ARRAY, VARCHAR_ARRAY,
          BPCHAR_ARRAY, NAME_ARRAY, FLOAT8_ARRAY, NUMERIC_ARRAY, OID_ARRAY, JSON_ARRAY,
          JSONB_ARRAY, TIMESTAMP_ARRAY, TIMESTAMPTZ_ARRAY, JSONPATH, JSONPATH_ARRAY, VOID,
          INT2VECTOR, OIDVECTOR, BYTEA, BYTEA_ARRAY, INTERVAL, INTERVAL_ARRAY, DATE,
          DATE_ARRAY);

  private static final Map<Integer, PgType> BY_OID = new LinkedHashMap<>();
  private static final Map<String, PgType> BY_NAME = new LinkedHashMap<>();

  static {
    for (PgType t : ALL) {
      BY_OID.put(t.oid(), t);
      BY_NAME.put(t.name(), t);
    }
  }

  private PgTypes() {}

  /** Every registered type, in a stable order (feeds pg_type). */
  public static List<PgType> all() {
    return ALL;
  }

  /** The type with this OID, or null. */
  public static PgType byOid(int oid) {
    return BY_OID.get(oid);
  }

  /** The array type whose elements are {@code element}, or null when there is none. */
  public static PgType arrayOf(PgType element) {
    if (element == FLOAT4) {
      return FLOAT4_ARRAY;
    }
    if (element == UUID) {
      return UUID_ARRAY;
    }
    for (PgType t : ALL) {
      if (t instanceof ArrayType a && a.element() == element) {
        return a;
      }
    }
    return null;
  }

  /** The element type of an array type, or null when {@code array} is not one. */
  public static PgType elementOf(PgType array) {
    if (array == FLOAT4_ARRAY) {
      return FLOAT4;
    }
    if (array == UUID_ARRAY) {
      return UUID;
    }
    return array instanceof ArrayType a ? a.element() : null;
  }

  /** The type with this {@code typname} (e.g. "int8", "_float4", "vector"), or null. */
  public static PgType byName(String typname) {
    return BY_NAME.get(typname.toLowerCase(Locale.ROOT));
  }
}
