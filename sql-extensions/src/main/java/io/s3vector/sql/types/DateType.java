package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code date} (OID 1082): values are {@link LocalDate}. Text in DateStyle ISO ({@code
 * 2024-01-31}); input {@code YYYY-MM-DD} or {@code YYYYMMDD}, a time after it ignored, as
 * date_in does. Binary: int32 days since 2000-01-01.
 */
public final class DateType extends PgType {
  public static final DateType INSTANCE = new DateType();
  static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
  private static final Pattern ISO =
      Pattern.compile("\\s*(\\d{4,})-(\\d{1,2})-(\\d{1,2})(?:[\\sT].*)?\\s*");
  private static final Pattern COMPACT = Pattern.compile("\\s*(\\d{4})(\\d{2})(\\d{2})\\s*");

  private DateType() {
    super(TypeDescription.base(1082, "date", 4).byValue().category('D').array(1182)
        .io("date_in", "date_out", "date_recv", "date_send").align('i'));
  }

  @Override
  public String encodeText(Object value) {
    LocalDate d = (LocalDate) value;
    return String.format(java.util.Locale.ROOT, "%04d-%02d-%02d", d.getYear(), d.getMonthValue(),
        d.getDayOfMonth());
  }

  @Override
  public byte[] encodeBinary(Object value) {
    return ByteBuffer.allocate(4)
        .putInt((int) (((LocalDate) value).toEpochDay() - PG_EPOCH.toEpochDay())).array();
  }

  @Override
  public Object decodeText(String text) {
    return parse(text);
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    return LocalDate.ofEpochDay(BinaryInts.expect(bytes, 4, "date").getInt() + PG_EPOCH.toEpochDay());
  }

  /** date_in for ISO dates; 22007 for other text, 22008 for a day the month does not have. */
  public static LocalDate parse(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      m = COMPACT.matcher(text);
      if (!m.matches()) {
        throw new PgException("22007", "invalid input syntax for type date: \"" + text + "\"");
      }
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)));
    } catch (DateTimeException | NumberFormatException e) {
      throw new PgException("22008", "date/time field value out of range: \"" + text + "\"");
    }
  }
}
