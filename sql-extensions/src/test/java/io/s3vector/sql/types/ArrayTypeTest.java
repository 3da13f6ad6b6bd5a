package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import org.junit.jupiter.api.Test;

/** array_out/array_in and array_send/array_recv of one-dimensional arrays. */
class ArrayTypeTest {

  @Test
  void textFormQuotesWhatWouldNotReadBack() {
    Object[] v = {"a", "", "b c", "NULL", null, "x\"y", "p,q", "back\\slash"};
    String text = PgTypes.TEXT_ARRAY.encodeText(v);
    assertEquals("{a,\"\",\"b c\",\"NULL\",NULL,\"x\\\"y\",\"p,q\",\"back\\\\slash\"}", text);
    assertArrayEquals(v, (Object[]) PgTypes.TEXT_ARRAY.decodeText(text));
  }

  @Test
  void numbersAndOids() {
    assertEquals("{1,2,NULL}", PgTypes.INT2_ARRAY.encodeText(new Object[] {(short) 1, (short) 2, null}));
    assertArrayEquals(new Object[] {16388L, 0L}, (Object[]) PgTypes.OID_ARRAY.decodeText("{ 16388 , 0 }"));
    assertArrayEquals(new Object[0], (Object[]) PgTypes.INT4_ARRAY.decodeText("{}"));
    PgException e = assertThrows(PgException.class, () -> PgTypes.INT4_ARRAY.decodeText("1,2"));
    assertEquals("malformed array literal: \"1,2\"", e.getMessage());
  }

  @Test
  void binaryRoundTrip() {
    Object[] v = {1L, null, -5L};
    byte[] bytes = PgTypes.INT8_ARRAY.encodeBinary(v);
    assertEquals(20 + 12 + 4 + 12, bytes.length);
    assertArrayEquals(v, (Object[]) PgTypes.INT8_ARRAY.decodeBinary(bytes));
  }

  @Test
  void arrayTypesAreTheirElementsTyparray() {
    assertEquals(1009, PgTypes.arrayOf(PgTypes.TEXT).oid());
    assertEquals("_int2", PgTypes.INT2_ARRAY.name());
    assertEquals("smallint[]", PgTypes.INT2_ARRAY.displayName());
  }
}
