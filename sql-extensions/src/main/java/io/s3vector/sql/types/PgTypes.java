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
  public static final PgType BOOL_ARRAY = new ArrayType(BOOL);
  public static final PgType INT2_ARRAY = new ArrayType(INT2);
  public static final PgType INT4_ARRAY = new ArrayType(INT4);
  public static final PgType INT8_ARRAY = new ArrayType(INT8);
  public static final PgType FLOAT8_ARRAY = new ArrayType(FLOAT8);
  public static final PgType NUMERIC_ARRAY = new ArrayType(NUMERIC);
  public static final PgType TEXT_ARRAY = new ArrayType(TEXT);
  public static final PgType VARCHAR_ARRAY = new ArrayType(VARCHAR);
  public static final PgType NAME_ARRAY = new ArrayType(NAME);
  public static final PgType OID_ARRAY = new ArrayType(OID);
  public static final PgType TIMESTAMP_ARRAY = new ArrayType(TIMESTAMP);
  public static final PgType TIMESTAMPTZ_ARRAY = new ArrayType(TIMESTAMPTZ);
  public static final PgType JSONB_ARRAY = new ArrayType(JSONB);

  private static final List<PgType> ALL =
      List.of(BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, VARCHAR, BPCHAR, NAME, JSON,
          UNKNOWN, JSONB, TIMESTAMP, TIMESTAMPTZ, OID, VECTOR, FLOAT4_ARRAY, UUID,
          UUID_ARRAY, VOID, BOOL_ARRAY, INT2_ARRAY, INT4_ARRAY, INT8_ARRAY, FLOAT8_ARRAY,
          NUMERIC_ARRAY, TEXT_ARRAY, VARCHAR_ARRAY, NAME_ARRAY, OID_ARRAY, TIMESTAMP_ARRAY,
          TIMESTAMPTZ_ARRAY, JSONB_ARRAY);

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

  /** The array type of an element type (its typarray), or null when we do not speak it. */
  public static PgType arrayOf(PgType element) {
    int array = element.description().array();
    return array == 0 ? null : BY_OID.get(array);
  }

  /** The type with this OID, or null. */
  public static PgType byOid(int oid) {
    return BY_OID.get(oid);
  }

  /** The type with this {@code typname} (e.g. "int8", "_float4", "vector"), or null. */
  public static PgType byName(String typname) {
    return BY_NAME.get(typname.toLowerCase(Locale.ROOT));
  }
}
