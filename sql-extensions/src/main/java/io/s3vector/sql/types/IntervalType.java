package io.s3vector.sql.types;

import java.nio.ByteBuffer;

/**
 * {@code interval} (OID 1186): values are {@link PgInterval}. Text in IntervalStyle postgres;
 * binary as interval_send: int64 microseconds, int32 days, int32 months.
 */
public final class IntervalType extends PgType {
  public static final IntervalType INSTANCE = new IntervalType();

  private IntervalType() {
    super(TypeDescription.base(1186, "interval", 16).category('T').preferred().array(1187)
        .io("interval_in", "interval_out", "interval_recv", "interval_send")
        .typmod("intervaltypmodin", "intervaltypmodout").align('d'));
  }

  @Override
  public String encodeText(Object value) {
    return value.toString();
  }

  @Override
  public byte[] encodeBinary(Object value) {
    PgInterval v = (PgInterval) value;
    return ByteBuffer.allocate(16).putLong(v.micros()).putInt(v.days()).putInt(v.months()).array();
  }

  @Override
  public Object decodeText(String text) {
    return PgInterval.parse(text);
  }

  @Override
  public Object decodeBinary(byte[] bytes) {
    ByteBuffer b = BinaryInts.expect(bytes, 16, "interval");
    long micros = b.getLong();
    int days = b.getInt();
    return new PgInterval(b.getInt(), days, micros);
  }
}
