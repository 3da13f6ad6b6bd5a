package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * {@code timestamp} (without time zone): ISO text with a space ("2024-01-02 03:04:05.5"), binary
 * as microseconds since 2000-01-01 (integer_datetimes on).
 */
public final class TimestampType extends PgType {
  public static final TimestampType INSTANCE = new TimestampType();

  static final LocalDateTime PG_EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);

  static final DateTimeFormatter OUTPUT =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
          .optionalEnd()
          .toFormatter();

  static final DateTimeFormatter INPUT =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd")
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendPattern("HH:mm")
          .optionalStart()
          .appendPattern(":ss")
          .optionalEnd()
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
          .toFormatter();

  private TimestampType() {
    super(TypeDescription.base(1114, "timestamp", 8).byValue().category('D').array(1115)
        .io("timestamp_in", "timestamp_out", "timestamp_recv", "timestamp_send")
        .typmod("timestamptypmodin", "timestamptypmodout").align('d')
        .display("timestamp without time zone"));
  }

  @Override
  public String encodeText(Object value) {
    return OUTPUT.format((LocalDateTime) value);
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(8)
        .putLong(ChronoUnit.MICROS.between(PG_EPOCH, (LocalDateTime) value))
        .array();
  }

  /**
   * PostgreSQL ignores a time zone in the input of {@code timestamp without time zone}; pgjdbc
   * sends one ("...+00") with every {@code setTimestamp}.
   */
  @Override
  public Object decodeText(String text) {
    String t = text.trim();
    java.util.regex.Matcher zone = TRAILING_ZONE.matcher(t);
    if (zone.matches()) {
      t = zone.group(1);
    }
    try {
      return parse(t, "timestamp without time zone");
    } catch (PgException e) {
      throw new PgException(
          SqlState.INVALID_DATETIME_FORMAT,
          "invalid input syntax for type timestamp without time zone: \"" + text + "\"");
    }
  }

  private static final java.util.regex.Pattern TRAILING_ZONE =
      java.util.regex.Pattern.compile(
          "^(.*\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?)\\s*(?:Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2}){0,2})$",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  static LocalDateTime parse(String text, String typeName) {
    try {
      return LocalDateTime.parse(text, INPUT).truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new PgException(
          SqlState.INVALID_DATETIME_FORMAT,
          "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    long micros = BinaryInts.expect(bytes, 8, "timestamp").getLong();
    return PG_EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  static Instant pgEpochInstant() {
    return PG_EPOCH.toInstant(ZoneOffset.UTC);
  }
}
