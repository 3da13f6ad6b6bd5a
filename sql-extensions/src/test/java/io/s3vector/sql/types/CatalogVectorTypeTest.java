package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** int2vector and oidvector: int2vectorout/in and their binary form, an array from subscript 0. */
class CatalogVectorTypeTest {

  @Test
  void textIsTheElementsSeparatedBySpaces() {
    assertEquals("3 1", PgTypes.INT2VECTOR.encodeText(new Object[] {(short) 3, (short) 1}));
    assertEquals("", PgTypes.INT2VECTOR.encodeText(new Object[0]));
    assertEquals("1978 16490", PgTypes.OIDVECTOR.encodeText(new Object[] {1978L, 16490L}));
    assertArrayEquals(new Object[] {(short) 3, (short) 1}, (Object[]) PgTypes.INT2VECTOR.decodeText(" 3  1 "));
    assertArrayEquals(new Object[0], (Object[]) PgTypes.OIDVECTOR.decodeText(""));
  }

  @Test
  void binaryIsAnArrayWithLowerBoundZero() {
    Object[] v = {(short) 2, (short) 7};
    byte[] bytes = PgTypes.INT2VECTOR.encodeBinary(v);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    assertEquals(1, b.getInt(), "dimensions");
    assertEquals(0, b.getInt(), "no nulls");
    assertEquals(21, b.getInt(), "element oid int2");
    assertEquals(2, b.getInt(), "length");
    assertEquals(0, b.getInt(), "lower bound");
    assertArrayEquals(v, (Object[]) PgTypes.INT2VECTOR.decodeBinary(bytes));
    PgException e = assertThrows(PgException.class,
        () -> PgTypes.INT2VECTOR.decodeBinary(PgTypes.INT2_ARRAY.encodeBinary(new Object[] {(short) 1, null})));
    assertEquals("22004", e.sqlState());
  }

  @Test
  void describedAsPostgreSqlDescribesThem() {
    assertEquals(22, PgTypes.INT2VECTOR.oid());
    assertEquals(1006, PgTypes.INT2VECTOR.description().array());
    assertEquals(26, PgTypes.OIDVECTOR.description().elem());
    assertEquals('A', PgTypes.OIDVECTOR.description().category());
  }
}
