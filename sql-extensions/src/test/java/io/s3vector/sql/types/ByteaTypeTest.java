package io.s3vector.sql.types;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.s3vector.sql.PgException;
import org.junit.jupiter.api.Test;

class ByteaTypeTest {

  @Test
  void hexAndEscapeFormsReadAsByteainReadsThem() {
    assertArrayEquals(new byte[] {1, 2, (byte) 0xff}, ByteaType.parse("\\x0102FF"));
    assertArrayEquals(new byte[] {1, 2}, ByteaType.parse("\\x01 02"));
    assertArrayEquals(new byte[0], ByteaType.parse("\\x"));
    assertArrayEquals(new byte[] {'a', 0, 'b', '\\', (byte) 0xff}, ByteaType.parse("a\\000b\\\\\\377"));
    assertArrayEquals("é".getBytes(java.nio.charset.StandardCharsets.UTF_8), ByteaType.parse("é"));
    assertEquals("22023", assertThrows(PgException.class, () -> ByteaType.parse("\\x0")).sqlState());
    assertEquals("invalid hexadecimal digit: \"z\"",
        assertThrows(PgException.class, () -> ByteaType.parse("\\x0z")).getMessage());
    assertEquals("22P02", assertThrows(PgException.class, () -> ByteaType.parse("a\\9")).sqlState());
  }

  @Test
  void textIsHexAndBinaryIsTheBytes() {
    ByteaType t = ByteaType.INSTANCE;
    assertEquals("\\x00ff5c", t.encodeText(new byte[] {0, (byte) 0xff, '\\'}));
    assertArrayEquals(new byte[] {7}, (byte[]) t.decodeBinary(t.encodeBinary(new byte[] {7})));
  }
}
