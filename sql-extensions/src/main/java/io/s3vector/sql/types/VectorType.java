package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.nio.ByteBuffer;

/**
 * pgvector's {@code vector}: text {@code [1,2,3]}; binary as pgvector's {@code vector_send}: int16
 * dim, int16 unused (0), then dim float4, all big-endian. pgvector's OID is assigned when the
 * extension is created; ours is fixed so clients may cache it.
 */
public final class VectorType extends PgType {
  public static final int OID = 16388;
  public static final VectorType INSTANCE = new VectorType();

  private VectorType() {
    super(OID, "vector", -1);
  }

  @Override
  public String encodeText(Object value) {
    return VectorText.format((float[]) value);
  }

  @Override
  public byte[] encodeBinary(Object value) {
    float[] v = (float[]) value;
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * v.length);
    buf.putShort((short) v.length).putShort((short) 0);
    for (float f : v) {
      buf.putFloat(f);
    }
    return buf.array();
  }

  @Override
  public Object decodeText(String text) {
    return VectorText.parse(text);
  }

  /** pgvector's {@code vector_recv}, with its checks. */
  @Override
  public Object decodeBinary(byte[] bytes) {
    if (bytes.length < 4) {
      throw new PgException(
          SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    int dim = buf.getShort() & 0xffff;
    int unused = buf.getShort();
    VectorText.checkDim(dim);
    if (unused != 0) {
      throw new PgException(
          SqlState.DATA_EXCEPTION, "expected unused to be 0, not " + unused);
    }
    if (bytes.length != 4 + 4 * dim) {
      throw new PgException(
          SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
    }
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = buf.getFloat();
      VectorText.checkElement(v[i]);
    }
    return v;
  }
}
