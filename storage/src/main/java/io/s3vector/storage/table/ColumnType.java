package io.s3vector.storage.table;

/**
 * The physical type of a stored column and the Java class of its values in rows ({@code Object[]}).
 * Each maps to one Zarr dtype (see docs/architecture.md, "Storage layout").
 */
public enum ColumnType {
  /** {@code |b1}; values {@link Boolean}. */
  BOOL,
  /** {@code <i2}; values {@link Short}. */
  INT2,
  /** {@code <i4}; values {@link Integer}. */
  INT4,
  /** {@code <i8}; values {@link Long}. */
  INT8,
  /** {@code <f4}; values {@link Float}. */
  FLOAT4,
  /** {@code <f8}; values {@link Double}. */
  FLOAT8,
  /** {@code |O} with the vlen-utf8 codec; values {@link String} (text, varchar, jsonb). */
  TEXT,
  /**
   * {@code |O} with the vlen-utf8 codec holding each value's plain decimal text ({@code 12.50}:
   * its scale kept); values {@link java.math.BigDecimal}.
   */
  NUMERIC,
  /** {@code |O} with the vlen-utf8 codec holding each value's lower-case hex digits; values {@code byte[]}. */
  BYTEA,
  /** {@code <M8[us]}; values {@link java.time.LocalDateTime}. */
  TIMESTAMP,
  /** {@code <M8[us]} (UTC); values {@link java.time.Instant}. */
  TIMESTAMPTZ,
  /** {@code <M8[D]}: days since 1970-01-01; values {@link java.time.LocalDate}. */
  DATE,
  /** {@code <f4} of shape [rows, dim]; values {@code float[]} of length dim. */
  VECTOR;

  /** Whether decoded chunks of this type hold {@code String[]} (text, and numeric as text). */
  public boolean storedAsText() {
    return this == TEXT || this == NUMERIC || this == BYTEA;
  }
}
