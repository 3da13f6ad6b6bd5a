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

  private static final List<PgType> ALL =
      List.of(BOOL, INT2, INT4, INT8, FLOAT4, FLOAT8, NUMERIC, TEXT, VARCHAR, BPCHAR, NAME, JSON,
          UNKNOWN, JSONB, TIMESTAMP, TIMESTAMPTZ, OID, VECTOR, FLOAT4_ARRAY, UUID,
          UUID_ARRAY, VOID);

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

  /** The type with this {@code typname} (e.g. "int8", "_float4", "vector"), or null. */
  public static PgType byName(String typname) {
    return BY_NAME.get(typname.toLowerCase(Locale.ROOT));
  }
}
