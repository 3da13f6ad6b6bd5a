package io.s3vector.sql.functions;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import io.s3vector.sql.bind.PgRelTypes;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import io.s3vector.sql.types.VectorText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's casts between the types we support, with pg_cast's contexts: implicit (operators
 * and functions), assignment (INSERT) and explicit ({@code ::}, CAST). pgvector's casts from
 * arrays are assignment casts, as in its extension script.
 */
public final class Casts {
  public enum Context {
    IMPLICIT,
    ASSIGNMENT,
    EXPLICIT
  }

  private Casts() {}

  /**
   * The conversion from {@code from} to {@code to} allowed in {@code context}, or null when
   * PostgreSQL has no such cast. Untyped literals ({@code unknown}) convert to anything.
   */
  public static PgFunction.Impl converter(RelDataType from, RelDataType to, Context context) {
    if (from.getSqlTypeName() == SqlTypeName.ARRAY && to.getSqlTypeName() == SqlTypeName.ARRAY) {
      // An array converts element by element, in the same context (as array_map_coerce).
      PgType element = PgRelTypes.pg(to.getComponentType());
      boolean real = element == PgTypes.FLOAT4;
      PgFunction.Impl each = converter(from.getComponentType(), to.getComponentType(), context);
      if (each == null) {
        return null;
      }
      return args -> {
        Object[] items = args[0] instanceof float[] f ? boxed(f) : (Object[]) args[0];
        Object[] out = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
          out[i] = items[i] == null ? null : each.apply(new Object[] {items[i]});
        }
        return real ? arrayToFloats(out) : out;
      };
    }
    PgType src = PgRelTypes.pg(from);
    PgType dst = PgRelTypes.pg(to);
    boolean unknown = from.getSqlTypeName() == SqlTypeName.CHAR || PgRelTypes.isUnknown(from)
        || from.getSqlTypeName() == SqlTypeName.NULL;
    if (dst == null) {
      return null;
    }
    int typmod = PgRelTypes.typmod(to);
    if (PgRelTypes.isRegtype(to) && (unknown || isString(src))) {
      return args -> RegType.oidOf((String) args[0]);
    }
    if (PgRelTypes.isRegtype(from) && isString(dst)) {
      return args -> RegType.nameOf(((Number) args[0]).longValue());
    }
    if (unknown) {
      return args -> checkTypmod(fromText(dst, (String) args[0]), dst, typmod, context);
    }
    // pgvector's casts from integer[], real[], double precision[] and numeric[] (assignment).
    if (from.getSqlTypeName() == SqlTypeName.ARRAY && dst == PgTypes.VECTOR
        && context != Context.IMPLICIT && PgRelTypes.numericRank(from.getComponentType()) >= 0) {
      return args -> checkTypmod(arrayToVector(args[0]), dst, typmod, context);
    }
    if (src == null) {
      return null;
    }
    if (src == dst || (isString(src) && isString(dst))) {
      return args -> checkTypmod(args[0], dst, typmod, context);
    }
    int srcRank = PgRelTypes.numericRank(from);
    int dstRank = PgRelTypes.numericRank(to);
    if (src == PgTypes.OID && dstRank >= 0) {
      return args -> toNumber(args[0], dst);
    }
    if (dst == PgTypes.OID && srcRank >= 0 && srcRank <= 2) {
      return args -> ((Number) args[0]).longValue();
    }
    if (srcRank >= 0 && dstRank >= 0) {
      if (dstRank < srcRank && context == Context.IMPLICIT) {
        return null;
      }
      return typmod < 0 ? args -> toNumber(args[0], dst)
          : args -> checkTypmod(toNumber(args[0], dst), dst, typmod, context);
    }
    if (isString(dst) && (context != Context.IMPLICIT)) {
      return args -> src.encodeText(args[0]);
    }
    if (isString(src) && context == Context.EXPLICIT) {
      return args -> checkTypmod(fromText(dst, (String) args[0]), dst, typmod, context);
    }
    if (src == PgTypes.FLOAT4_ARRAY && dst == PgTypes.VECTOR && context != Context.IMPLICIT) {
      return args -> checkTypmod(arrayToVector(args[0]), dst, typmod, context);
    }
    if (src == PgTypes.VECTOR && dst == PgTypes.FLOAT4_ARRAY) {
      return args -> ((float[]) args[0]).clone();
    }
    // date_timestamp (implicit), timestamp_date (assignment), and the same with time zone (UTC)
    if (src == PgTypes.DATE && dst == PgTypes.TIMESTAMP) {
      return args -> ((java.time.LocalDate) args[0]).atStartOfDay();
    }
    if (src == PgTypes.DATE && dst == PgTypes.TIMESTAMPTZ) {
      return args -> ((java.time.LocalDate) args[0]).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (src == PgTypes.TIMESTAMP && dst == PgTypes.DATE && context != Context.IMPLICIT) {
      return args -> ((LocalDateTime) args[0]).toLocalDate();
    }
    if (src == PgTypes.TIMESTAMPTZ && dst == PgTypes.DATE && context != Context.IMPLICIT) {
      return args -> LocalDateTime.ofInstant((Instant) args[0], ZoneOffset.UTC).toLocalDate();
    }
    if (src == PgTypes.TIMESTAMP && dst == PgTypes.TIMESTAMPTZ) {
      return args -> ((LocalDateTime) args[0]).toInstant(ZoneOffset.UTC);
    }
    if (src == PgTypes.TIMESTAMPTZ && dst == PgTypes.TIMESTAMP && context != Context.IMPLICIT) {
      return args -> LocalDateTime.ofInstant((Instant) args[0], ZoneOffset.UTC);
    }
    if ((src == PgTypes.JSONB || src == PgTypes.JSON) && (dst == PgTypes.JSONB || dst == PgTypes.JSON)
        && context != Context.IMPLICIT) {
      return args -> fromText(dst, (String) args[0]);
    }
    return null;
  }

  private static boolean isString(PgType t) {
    return t == PgTypes.TEXT || t == PgTypes.VARCHAR || t == PgTypes.BPCHAR || t == PgTypes.NAME
        || t == PgTypes.UNKNOWN || t == PgTypes.CHAR;
  }

  /** The input function of {@code type}: a string constant or text value becomes a value. */
  public static Object fromText(PgType type, String text) {
    if (type == PgTypes.JSONB || type == PgTypes.JSON) {
      Json json = Json.parse(text);
      return type == PgTypes.JSONB ? json.jsonb() : text;
    }
    if (type == PgTypes.JSONPATH) {
      return JsonPath.parse(text).toString();
    }
    if (type == PgTypes.NUMERIC) {
      return type.decodeText(text);
    }
    return type.decodeText(text);
  }

  /** Checks a value decoded for a column (vector dimensions, varchar length) as INSERT would. */
  public static Object checkAssignment(Object value, RelDataType column) {
    return checkTypmod(value, PgRelTypes.pg(column), PgRelTypes.typmod(column), Context.ASSIGNMENT);
  }

  /**
   * pgvector's typmod check for vector(n); varchar(n)'s length rule per cast context; numeric(p,s)
   * rounds to its scale and must fit its precision.
   */
  static Object checkTypmod(Object value, PgType type, int typmod, Context context) {
    if (value == null || typmod < 0) {
      return value;
    }
    if (type == PgTypes.NUMERIC) {
      return NumericTypmod.apply((BigDecimal) value, typmod);
    }
    if (type == PgTypes.VECTOR) {
      VectorText.checkExpectedDim(typmod, ((float[]) value).length);
    } else if (type == PgTypes.VARCHAR) {
      String s = (String) value;
      int max = typmod - 4;
      if (s.codePointCount(0, s.length()) > max) {
        if (context == Context.EXPLICIT) {
          return s.substring(0, s.offsetByCodePoints(0, max));
        }
        if (!s.substring(s.offsetByCodePoints(0, max)).isBlank()) {
          throw new PgException(
              SqlState.STRING_DATA_RIGHT_TRUNCATION,
              "value too long for type character varying(" + max + ")");
        }
        return s.substring(0, s.offsetByCodePoints(0, max));
      }
    }
    return value;
  }

  /** pgvector's array_to_vector: 1-D, no nulls, each element a finite float4. */
  static float[] arrayToVector(Object array) {
    float[] v = arrayToFloats(array);
    VectorText.checkDim(v.length);
    for (float f : v) {
      VectorText.checkElement(f);
    }
    return v;
  }

  private static Object[] boxed(float[] f) {
    Object[] out = new Object[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  static float[] arrayToFloats(Object array) {
    if (array instanceof float[] f) {
      return f.clone();
    }
    Object[] items = (Object[]) array;
    float[] v = new float[items.length];
    for (int i = 0; i < items.length; i++) {
      if (items[i] == null) {
        throw new PgException("22004", "array must not contain nulls");
      }
      if (items[i] instanceof Object[] || items[i] instanceof float[]) {
        throw new PgException(SqlState.DATA_EXCEPTION, "array must be 1-D");
      }
      v[i] = ((Number) items[i]).floatValue();
    }
    return v;
  }

  /** Numeric conversions with PostgreSQL's rounding and range errors. */
  static Object toNumber(Object v, PgType to) {
    Number n = (Number) v;
    switch (to.name()) {
      case "int2", "int4", "int8" -> {
        long l;
        String name = to.name().equals("int2") ? "smallint" : to.name().equals("int4") ? "integer" : "bigint";
        if (n instanceof Double || n instanceof Float) {
          double d = n.doubleValue();
          double r = Math.rint(d);
          if (Double.isNaN(d) || r < -9.223372036854776E18 || r >= 9.223372036854776E18) {
            throw outOfRange(name);
          }
          l = (long) r;
        } else if (n instanceof BigDecimal b) {
          BigDecimal r = b.setScale(0, RoundingMode.HALF_UP);
          if (r.unscaledValue().bitLength() > 63) {
            throw outOfRange(name);
          }
          l = r.longValueExact();
        } else {
          l = n.longValue();
        }
        return switch (to.name()) {
          case "int2" -> {
            if (l < Short.MIN_VALUE || l > Short.MAX_VALUE) {
              throw outOfRange(name);
            }
            yield (short) l;
          }
          case "int4" -> {
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
              throw outOfRange(name);
            }
            yield (int) l;
          }
          default -> l;
        };
      }
      case "numeric" -> {
        if (n instanceof BigDecimal b) {
          return b;
        }
        if (n instanceof Double || n instanceof Float) {
          double d = n.doubleValue();
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new PgException(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot convert " + (Double.isNaN(d) ? "NaN" : "infinity") + " to numeric yet");
          }
          int digits = n instanceof Float ? 6 : 15;
          BigDecimal b = new BigDecimal(d).round(new MathContext(digits)).stripTrailingZeros();
          return b.scale() < 0 ? b.setScale(0) : b;
        }
        return BigDecimal.valueOf(n.longValue());
      }
      case "float4" -> {
        float f = n.floatValue();
        if (Float.isInfinite(f) && !(n instanceof Double d && d.isInfinite())) {
          throw new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return f;
      }
      default -> {
        return n.doubleValue();
      }
    }
  }

  static PgException outOfRange(String typeName) {
    return new PgException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
  }
}
