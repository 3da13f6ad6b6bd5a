package io.s3vector.sql.copy;

import io.s3vector.sql.types.PgType;
import java.util.List;

/**
 * PostgreSQL's binary COPY format out: the 19-byte header (signature, flags 0, no extension),
 * then per row an int16 field count and per field an int32 length (-1 for NULL) and the type's
 * binary send form (vector: int16 dimensions, int16 0, float4s), and the int16 -1 trailer. All
 * integers big-endian.
 */
final class CopyBinaryWriter implements CopyRowWriter {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private final PgType[] types;

  CopyBinaryWriter(PgType[] types) {
    this.types = types;
  }

  /** The file header: signature, flags field, header extension length. */
  static void signature(CopyOutBuffer out) {
    out.write(SIGNATURE);
    out.writeInt(0);
    out.writeInt(0);
  }

  static void trailer(CopyOutBuffer out) {
    out.writeShort(-1);
  }

  @Override
  public void header(List<String> names, CopyOutBuffer out) {
    throw new IllegalStateException("binary COPY has no HEADER line");
  }

  @Override
  public void row(Object[] row, CopyOutBuffer out) {
    out.writeShort(row.length);
    for (int i = 0; i < row.length; i++) {
      if (row[i] == null) {
        out.writeInt(-1);
      } else {
        byte[] value = types[i].encodeBinary(row[i]);
        out.writeInt(value.length);
        out.write(value);
      }
    }
  }
}
