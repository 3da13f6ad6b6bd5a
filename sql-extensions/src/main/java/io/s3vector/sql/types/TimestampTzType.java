package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code timestamptz}: printed in the session time zone, which is always UTC here
 * ("2024-01-02 03:04:05.5+00"); binary as microseconds since 2000-01-01 UTC.
 */
public final class TimestampTzType extends PgType {
  public static final TimestampTzType INSTANCE = new TimestampTzType();

  private static final Pattern ZONE_SUFFIX =
      Pattern.compile("^(.*?)(?:\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?))?$",
          Pattern.CASE_INSENSITIVE);

  private TimestampTzType() {
    super(TypeDescription.base(1184, "timestamptz", 8).byValue().category('D').preferred()
        .array(1185).io("timestamptz_in", "timestamptz_out", "timestamptz_recv", "timestamptz_send")
        .typmod("timestamptztypmodin", "timestamptztypmodout").align('d')
        .display("timestamp with time zone"));
  }

  @Override
  public String encodeText(Object value) {
    LocalDateTime utc = LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
    return TimestampType.OUTPUT.format(utc) + "+00";
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(8)
        .putLong(ChronoUnit.MICROS.between(TimestampType.pgEpochInstant(), (Instant) value))
        .array();
  }

  @Override
  public Object decodeText(String text) {
    Matcher m = ZONE_SUFFIX.matcher(text.trim());
    if (!m.matches()) {
      throw invalid(text);
    }
    LocalDateTime local = TimestampType.parse(m.group(1), "timestamp with time zone");
    String zone = m.group(2);
    ZoneOffset offset = ZoneOffset.UTC;
    if (zone != null && !zone.equalsIgnoreCase("Z") && !zone.equalsIgnoreCase("UTC")
        && !zone.equalsIgnoreCase("GMT")) {
      try {
        String z = zone.length() <= 3 ? zone + ":00" : zone;
        if (z.length() == 5 && z.indexOf(':') < 0) {
          z = z.substring(0, 3) + ":" + z.substring(3);
        }
        if (z.length() == 5 && z.charAt(2) == ':') {
          z = z.charAt(0) + "0" + z.substring(1);
        }
        offset = ZoneOffset.of(z);
      } catch (RuntimeException e) {
        throw invalid(text);
      }
    }
    return OffsetDateTime.of(local, offset).toInstant();
  }

  private static PgException invalid(String text) {
    return new PgException(
        SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    long micros = BinaryInts.expect(bytes, 8, "timestamp with time zone").getLong();
    return TimestampType.pgEpochInstant().plus(micros, ChronoUnit.MICROS);
  }

  static boolean isParseError(RuntimeException e) {
    return e instanceof DateTimeParseException;
  }
}
