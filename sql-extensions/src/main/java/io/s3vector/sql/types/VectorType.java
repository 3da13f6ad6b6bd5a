package io.s3vector.sql.types;

import io.s3vector.sql.PgException;
import io.s3vector.sql.SqlState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * pgvector's {@code vector}: text {@code [1,2,3]}; binary as pgvector's {@code vector_send}: int16
 * dim, int16 unused (0), then dim float4, all big-endian. pgvector's OID is assigned when the
 * extension is created; ours is fixed so clients may cache it.
 */
public final class VectorType extends PgType {
  public static final int OID = 16388;
  /** {@code _vector}, pgvector's array type (a catalog row only: we do not speak vector[]). */
  public static final int ARRAY_OID = 16389;
  public static final VectorType INSTANCE = new VectorType();

  private VectorType() {
    super(TypeDescription.base(OID, "vector", -1).namespace(TypeDescription.PUBLIC)
        .array(ARRAY_OID).io("vector_in", "vector_out", "vector_recv", "vector_send")
        .typmod("vector_typmod_in", "-").storage('e'));
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
    return decodeBinary(bytes, 0, bytes.length);
  }

  /**
   * {@code vector_recv} of {@code bytes[off, off + len)}, read in place (COPY's binary format
   * decodes vectors straight from its buffer): one float[] and no other allocation.
   */
  public static float[] decodeBinary(byte[] bytes, int off, int len) {
    if (len < 4) {
      throw new PgException(
          SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
    }
    int dim = (short) SHORT.get(bytes, off) & 0xffff;
    int unused = (short) SHORT.get(bytes, off + 2);
    VectorText.checkDim(dim);
    if (unused != 0) {
      throw new PgException(
          SqlState.DATA_EXCEPTION, "expected unused to be 0, not " + unused);
    }
    if (len != 4 + 4 * dim) {
      throw new PgException(
          SqlState.INVALID_BINARY_REPRESENTATION, "insufficient data left in message");
    }
    float[] v = new float[dim];
    int at = off + 4;
    boolean finite = true;
    for (int i = 0; i < dim; i++, at += 4) {
      float f = (float) FLOAT.get(bytes, at);
      v[i] = f;
      finite &= Float.isFinite(f);
    }
    if (!finite) {
      for (float f : v) {
        VectorText.checkElement(f);
      }
    }
    return v;
  }

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle FLOAT =
      MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);
}
