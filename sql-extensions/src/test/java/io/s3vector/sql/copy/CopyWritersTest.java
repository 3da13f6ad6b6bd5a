package io.s3vector.sql.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.sql.RowCursor;
import io.s3vector.sql.types.PgType;
import io.s3vector.sql.types.PgTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The COPY TO formats byte for byte, as PostgreSQL 15's copyto.c writes them (the end-to-end
 * comparison with a real server is the golden file copy_to.sql and CopyToTest).
 */
class CopyWritersTest {
  private static final PgType[] TEXT_VECTOR = {PgTypes.TEXT, PgTypes.VECTOR};

  private static CopyOptions options(CopyOptions.Format format) {
    return CopyOptions.of(format, null, null, false, null, null);
  }

  private static String line(CopyRowWriter writer, Object... row) {
    CopyOutBuffer out = new CopyOutBuffer();
    writer.row(row, out);
    return new String(out.bytes(), 0, out.length(), StandardCharsets.UTF_8);
  }

  @Test
  void textEscapesBackslashDelimiterAndControlCharacters() {
    CopyTextWriter text = new CopyTextWriter(options(CopyOptions.Format.TEXT), TEXT_VECTOR);
    assertEquals("a\\\\b\\tc\\nd\\re\\bf\\fg\\vh\t[1,2.5,-3]\n",
        line(text, "a\\b\tc\nd\re\bf\fg\u000bh", new float[] {1, 2.5f, -3}));
    assertEquals("\\N\t\\N\n", line(text, null, null));
    // other control characters and UTF-8 pass unchanged; "\." is escaped as any backslash
    assertEquals("x\u0001y héllo ✓\t[0]\n", line(text, "x\u0001y héllo ✓", new float[] {0}));
    assertEquals("\\\\.\t[1e-07]\n", line(text, "\\.", new float[] {1e-7f}));
    CopyTextWriter comma = new CopyTextWriter(
        CopyOptions.of(CopyOptions.Format.TEXT, ',', "", false, null, null), TEXT_VECTOR);
    assertEquals("a\\,b\\t,[1\\,2]\n", line(comma, "a,b\t", new float[] {1, 2}));
    assertEquals(",\n", line(comma, null, null));
    CopyOutBuffer header = new CopyOutBuffer();
    comma.header(List.of("a,b", "c\td"), header);
    assertEquals("a\\,b,c\\td\n", new String(header.bytes(), 0, header.length(), StandardCharsets.UTF_8));
  }

  @Test
  void csvQuotesOnlyWhenNeeded() {
    CopyCsvWriter csv = new CopyCsvWriter(options(CopyOptions.Format.CSV), TEXT_VECTOR, new boolean[2]);
    assertEquals("plain,\"[1,2,3]\"\n", line(csv, "plain", new float[] {1, 2, 3}));
    assertEquals("\"\",\n", line(csv, "", null)); // the empty string equals the NULL string
    assertEquals("\"a \"\"q\"\"\",[0]\n", line(csv, "a \"q\"", new float[] {0}));
    assertEquals("\"line\nbreak\",[0]\n", line(csv, "line\nbreak", new float[] {0}));
    assertEquals("\"cr\rhere\",[0]\n", line(csv, "cr\rhere", new float[] {0}));
    assertEquals("tab\there \\. back\\slash,[0]\n", line(csv, "tab\there \\. back\\slash", new float[] {0}));
    assertEquals("\\.,[0]\n", line(csv, "\\.", new float[] {0}));
    CopyCsvWriter single = new CopyCsvWriter(options(CopyOptions.Format.CSV),
        new PgType[] {PgTypes.TEXT}, new boolean[1]);
    assertEquals("\"\\.\"\n", line(single, "\\.")); // alone on its line it would end the data
    assertEquals("\n", line(single, (Object) null));
  }

  @Test
  void csvOptionsEscapeNullAndForceQuote() {
    CopyOptions o = CopyOptions.of(CopyOptions.Format.CSV, '|', "none", false, '\'', '\\',
        false, List.of("a"));
    CopyCsvWriter csv = new CopyCsvWriter(o, new PgType[] {PgTypes.TEXT, PgTypes.INT4, PgTypes.TEXT},
        new boolean[] {true, true, false});
    assertEquals("'it\\'s'|'7'|back\\slash\n", line(csv, "it's", 7, "back\\slash"));
    assertEquals("none|none|'none'\n", line(csv, null, null, "none"));
    assertEquals("'a\\\\b'|'1'|'x|y'\n", line(csv, "a\\b", 1, "x|y"));
    CopyOutBuffer header = new CopyOutBuffer();
    csv.header(List.of("id", "a|b", "c"), header);
    assertEquals("id|'a|b'|c\n", new String(header.bytes(), 0, header.length(), StandardCharsets.UTF_8));
  }

  @Test
  void binaryRowsUseTheTypesSendForms() {
    CopyBinaryWriter binary = new CopyBinaryWriter(
        new PgType[] {PgTypes.INT8, PgTypes.TEXT, PgTypes.FLOAT4, PgTypes.VECTOR, PgTypes.BOOL});
    CopyOutBuffer out = new CopyOutBuffer();
    binary.row(new Object[] {1L, "é", 1.5f, new float[] {1, -2}, null}, out);
    assertEquals("0005" + "00000008" + "0000000000000001" + "00000002" + "c3a9" + "00000004" + "3fc00000"
        + "0000000c" + "0002" + "0000" + "3f800000" + "c0000000" + "ffffffff",
        HexFormat.of().formatHex(out.bytes(), 0, out.length()));
  }

  private static List<String> payloads(CopyOptions options, PgType[] types, List<String> names,
      List<Object[]> rows) {
    Iterator<Object[]> it = rows.iterator();
    RowCursor cursor = () -> it.hasNext() ? it.next() : null;
    CopyRowWriter writer = switch (options.format()) {
      case TEXT -> new CopyTextWriter(options, types);
      case CSV -> new CopyCsvWriter(options, types, new boolean[types.length]);
      case BINARY -> new CopyBinaryWriter(types);
    };
    List<String> out = new ArrayList<>();
    try (CopyToRun run = new CopyToRun(cursor, writer, options, names)) {
      while (run.next()) {
        out.add(options.format() == CopyOptions.Format.BINARY
            ? HexFormat.of().formatHex(run.bytes(), 0, run.length())
            : new String(run.bytes(), 0, run.length(), StandardCharsets.UTF_8));
      }
      assertFalse(run.next());
      assertEquals(rows.size(), run.rows());
    }
    return out;
  }

  @Test
  void onePayloadPerRowHeaderApartBinaryHeaderWithTheFirstRow() {
    PgType[] types = {PgTypes.INT4};
    List<Object[]> two = List.of(new Object[] {1}, new Object[] {2});
    assertEquals(List.of("id\n", "1\n", "2\n"), payloads(
        CopyOptions.of(CopyOptions.Format.CSV, null, null, true, null, null), types, List.of("id"), two));
    assertEquals(List.of("1\n", "2\n"), payloads(options(CopyOptions.Format.TEXT), types, List.of("id"), two));
    assertEquals(List.of("id\n"), payloads(
        CopyOptions.of(CopyOptions.Format.TEXT, null, null, true, null, null), types, List.of("id"), List.of()));
    String header = "5047434f50590aff0d0a00" + "00000000" + "00000000";
    assertEquals(List.of(header + "0001" + "00000004" + "00000001", "0001" + "00000004" + "00000002", "ffff"),
        payloads(options(CopyOptions.Format.BINARY), types, List.of("id"), two));
    assertEquals(List.of(header + "ffff"), payloads(options(CopyOptions.Format.BINARY), types, List.of("id"), List.of()));
    assertTrue(payloads(options(CopyOptions.Format.CSV), types, List.of("id"), List.of()).isEmpty());
  }
}
