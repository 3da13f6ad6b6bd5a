package io.s3vector.storage.table;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One column of a table as storage keeps it.
 *
 * @param name the column name (already case-folded by the SQL layer)
 * @param type the physical type
 * @param sqlType the SQL type as the user wrote it, normalised (e.g. {@code "vector(3)"},
 *     {@code "character varying(20)"}, {@code "jsonb"}); storage keeps it for the catalog only
 * @param dimension the vector dimension for {@link ColumnType#VECTOR} (0 when unconstrained),
 *     else 0
 * @param notNull whether NULL is rejected
 * @param serial whether a null value on insert takes the next value of the column's sequence
 *     ({@code serial}/{@code bigserial}); the sequence is kept in the manifest
 * @param defaultSql the DEFAULT expression as SQL text, or null; evaluated by the SQL layer
 * @param addedAs null for a column of CREATE TABLE; for one added by ALTER TABLE, a fresh id.
 *     A segment holds this column only if the schema it was written with has the column under
 *     the same id: a column dropped and added again under its old name does not see the
 *     dropped one's values, which old segments still hold (DROP COLUMN rewrites nothing)
 * @param missing for a column added by ALTER TABLE, the value of the rows written before it
 *     (PostgreSQL's {@code attmissingval}: the DEFAULT's value then) in {@link #encodeValue}'s
 *     text form; null when they read NULL
 */
public record ColumnSpec(
    String name,
    ColumnType type,
    String sqlType,
    int dimension,
    boolean notNull,
    boolean serial,
    String defaultSql,
    String addedAs,
    String missing) {

  /** A column of CREATE TABLE. */
  public ColumnSpec(String name, ColumnType type, String sqlType, int dimension, boolean notNull,
      boolean serial, String defaultSql) {
    this(name, type, sqlType, dimension, notNull, serial, defaultSql, null, null);
  }

  /**
   * This column as ALTER TABLE ADD COLUMN adds it: under a fresh id, with {@code missingValue}
   * (of the type's Java class, or null) for the rows already stored.
   */
  public ColumnSpec added(Object missingValue) {
    return new ColumnSpec(name, type, sqlType, dimension, notNull, serial, defaultSql,
        java.util.UUID.randomUUID().toString(),
        missingValue == null ? null : encodeValue(type, missingValue));
  }

  /** The value of rows written before this column was added (the type's Java class), or null. */
  public Object missingValue() {
    return missing == null ? null : decodeValue(type, missing);
  }

  /**
   * A value of {@code type}'s Java class as text that keeps it exactly: integers and booleans as
   * Java prints them, floats by their bit patterns, timestamps in microseconds since 1970 UTC,
   * vectors as float bit patterns separated by commas.
   */
  static String encodeValue(ColumnType type, Object value) {
    return switch (type) {
      case BOOL, INT2, INT4, INT8, TEXT -> value.toString();
      case NUMERIC -> ((java.math.BigDecimal) value).toPlainString();
      case DATE -> Long.toString(((java.time.LocalDate) value).toEpochDay());
      case BYTEA -> java.util.HexFormat.of().formatHex((byte[]) value);
      case FLOAT4 -> Integer.toString(Float.floatToIntBits((Float) value));
      case FLOAT8 -> Long.toString(Double.doubleToLongBits((Double) value));
      case TIMESTAMP -> Long.toString(micros(((LocalDateTime) value).toInstant(java.time.ZoneOffset.UTC)));
      case TIMESTAMPTZ -> Long.toString(micros(value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value));
      case VECTOR -> {
        float[] v = (float[]) value;
        String[] bits = new String[v.length];
        for (int i = 0; i < v.length; i++) {
          bits[i] = Integer.toString(Float.floatToIntBits(v[i]));
        }
        yield String.join(",", bits);
      }
    };
  }

  static Object decodeValue(ColumnType type, String text) {
    return switch (type) {
      case BOOL -> Boolean.parseBoolean(text);
      case INT2 -> Short.parseShort(text);
      case INT4 -> Integer.parseInt(text);
      case INT8 -> Long.parseLong(text);
      case TEXT -> text;
      case NUMERIC -> new java.math.BigDecimal(text);
      case DATE -> java.time.LocalDate.ofEpochDay(Long.parseLong(text));
      case BYTEA -> java.util.HexFormat.of().parseHex(text);
      case FLOAT4 -> Float.intBitsToFloat(Integer.parseInt(text));
      case FLOAT8 -> Double.longBitsToDouble(Long.parseLong(text));
      case TIMESTAMP -> LocalDateTime.ofInstant(instant(Long.parseLong(text)), java.time.ZoneOffset.UTC);
      case TIMESTAMPTZ -> instant(Long.parseLong(text));
      case VECTOR -> {
        String[] bits = text.isEmpty() ? new String[0] : text.split(",");
        float[] v = new float[bits.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = Float.intBitsToFloat(Integer.parseInt(bits[i]));
        }
        yield v;
      }
    };
  }

  private static long micros(Instant value) {
    return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
