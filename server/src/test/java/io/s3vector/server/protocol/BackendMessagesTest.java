package io.s3vector.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.s3vector.sql.ResultColumn;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendMessagesTest {

  @Test
  void lengthCountsItselfAndTheBody() {
    ByteBuf out = Unpooled.buffer();
    BackendMessages.commandComplete(out, "SELECT 1");
    assertEquals('C', out.readByte());
    assertEquals(4 + "SELECT 1".length() + 1, out.readInt());
    assertEquals("SELECT 1", Wire.cstring(out));
    assertEquals(0, out.readableBytes());
  }

  @Test
  void dataRowWritesNullAsMinusOneAndEachFormat() {
    ByteBuf out = Unpooled.buffer();
    BackendMessages.dataRow(
        out,
        new Object[] {null, 7, "é", 7},
        new PgType[] {PgTypes.TEXT, PgTypes.INT4, PgTypes.TEXT, PgTypes.INT4},
        new short[] {0, 0, 0, 1});
    assertEquals('D', out.readByte());
    assertEquals(out.readableBytes(), out.readInt());
    assertEquals(4, out.readShort());
    assertEquals(-1, out.readInt());
    assertEquals(1, out.readInt());
    assertEquals('7', out.readByte());
    assertEquals(2, out.readInt()); // é is two bytes in UTF-8
    out.skipBytes(2);
    assertEquals(4, out.readInt());
    assertEquals(7, out.readInt());
  }

  @Test
  void rowDescriptionCarriesTypeAndFormat() {
    ByteBuf out = Unpooled.buffer();
    BackendMessages.rowDescription(
        out,
        List.of(new ResultColumn("embedding", PgTypes.VECTOR, 3, 16400, (short) 2)),
        new short[] {1});
    out.skipBytes(5);
    assertEquals(1, out.readShort());
    assertEquals("embedding", Wire.cstring(out));
    assertEquals(16400, out.readInt());
    assertEquals(2, out.readShort());
    assertEquals(PgTypes.VECTOR.oid(), out.readInt());
    assertEquals(-1, out.readShort());
    assertEquals(3, out.readInt());
    assertEquals(1, out.readShort());
  }

  @Test
  void errorResponseFields() {
    ByteBuf out = Unpooled.buffer();
    BackendMessages.errorResponse(out, "ERROR", "42601", "syntax error", null, "try again", 5, null);
    out.skipBytes(5);
    byte[] body = new byte[out.readableBytes()];
    out.readBytes(body);
    var fields = new Wire.Msg('E', body).errorFields();
    assertEquals("ERROR", fields.get('S'));
    assertEquals("42601", fields.get('C'));
    assertEquals("syntax error", fields.get('M'));
    assertEquals("try again", fields.get('H'));
    assertEquals("5", fields.get('P'));
    assertEquals(null, fields.get('D'));
  }
}
