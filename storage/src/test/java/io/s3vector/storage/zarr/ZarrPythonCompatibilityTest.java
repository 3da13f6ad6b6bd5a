package io.s3vector.storage.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.s3vector.storage.engine.StoreDatabase;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.StoreOptions;
import io.s3vector.storage.table.TableSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the open-format claim: zarr-python 2.x (Debian's python3-zarr, at /usr/bin/python3)
 * opens a segment we wrote and reads the same values. Fails, not skips, without it: the format is
 * a promise the build must check.
 */
class ZarrPythonCompatibilityTest {

  private static final String PYTHON = "/usr/bin/python3";

  /** Prints {"array": {"dtype": ..., "shape": [...], "values": [...]}} for every array. */
  private static final String READER =
      """
      import json, sys
      import numpy as np
      import zarr
      root = zarr.open(sys.argv[1], mode='r')
      segment = root[sys.argv[2]][sys.argv[3]]
      out = {'_rows': segment.attrs['s3vector']['row_count']}
      for name, array in segment.arrays():
          values = array[:]
          if values.dtype.kind == 'M':
              values = values.astype('int64')
          out[name] = {'dtype': array.dtype.str, 'shape': list(array.shape),
                       'values': values.tolist()}
      print(json.dumps(out))
      """;

  @TempDir Path root;

  @Test
  void zarrPythonReadsASegment() throws Exception {
    TableSchema schema =
        new TableSchema(
            "Mixed Case/Table",
            List.of(
                column("b", ColumnType.BOOL),
                column("i2", ColumnType.INT2),
                column("i4", ColumnType.INT4),
                column("i8", ColumnType.INT8),
                column("f4", ColumnType.FLOAT4),
                column("f8", ColumnType.FLOAT8),
                column("t", ColumnType.TEXT),
                column("ts", ColumnType.TIMESTAMP),
                column("tstz", ColumnType.TIMESTAMPTZ),
                new ColumnSpec("v", ColumnType.VECTOR, "vector(3)", 3, false, false, null)),
            List.of());
    int rows = 7;
    List<Object[]> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(
          new Object[] {
            i % 2 == 0,
            (short) (i - 3),
            i * 100_000,
            (long) i << 40,
            i / 3f,
            i * Math.E,
            i == 4 ? null : "zeile " + i + " ✓",
            LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000).plusHours(i),
            Instant.parse("1960-01-01T00:00:00.000001Z").plusSeconds(i),
            new float[] {i, i + 0.5f, -i}
          });
    }
    // 3 rows per chunk (3 * 3 floats * 4 bytes = 36 bytes): several chunks and a padded last one
    // a segment as compaction leaves it (small commits are packs until then)
    StoreOptions options = StoreOptions.builder().targetChunkBytes(36).packSmallSegments(false)
        .build();
    String segment;
    String directory;
    try (StoreDatabase db = StoreDatabase.open(new LocalObjectStore(root), options)) {
      db.createTable(schema, false);
      db.table(schema.name()).orElseThrow().append(data);
      var entry = db.manifest().table(schema.name());
      segment = entry.segments().get(0).id();
      directory = entry.directory();
    }

    JsonNode out = runPython(root.toString(), directory, segment);
    assertEquals(rows, out.path("_rows").asInt());
    assertEquals("|b1", out.path("b").path("dtype").asText());
    assertEquals("<i2", out.path("i2").path("dtype").asText());
    assertEquals("<M8[us]", out.path("ts").path("dtype").asText());
    assertEquals("|O", out.path("t").path("dtype").asText());
    assertEquals("[7,3]", out.path("v").path("shape").toString());
    assertEquals("[7]", out.path("t.null").path("shape").toString());
    for (int i = 0; i < rows; i++) {
      Object[] row = data.get(i);
      assertEquals(row[0], out.path("b").path("values").get(i).asBoolean(), "bool " + i);
      assertEquals((short) row[1], out.path("i2").path("values").get(i).asInt(), "int2 " + i);
      assertEquals((int) row[2], out.path("i4").path("values").get(i).asInt(), "int4 " + i);
      assertEquals((long) row[3], out.path("i8").path("values").get(i).asLong(), "int8 " + i);
      assertEquals((float) row[4], (float) out.path("f4").path("values").get(i).asDouble(), "f4 " + i);
      assertEquals((double) row[5], out.path("f8").path("values").get(i).asDouble(), "f8 " + i);
      assertEquals(row[6] == null ? "" : row[6], out.path("t").path("values").get(i).asText(), "text " + i);
      assertEquals(i == 4, out.path("t.null").path("values").get(i).asBoolean(), "text null " + i);
      LocalDateTime ts = (LocalDateTime) row[7];
      long tsMicros = ts.toEpochSecond(ZoneOffset.UTC) * 1_000_000 + ts.getNano() / 1000;
      assertEquals(tsMicros, out.path("ts").path("values").get(i).asLong(), "timestamp " + i);
      Instant tstz = (Instant) row[8];
      long tstzMicros = Math.floorDiv(tstz.getEpochSecond() * 1_000_000_000L + tstz.getNano(), 1000L);
      assertEquals(tstzMicros, out.path("tstz").path("values").get(i).asLong(), "timestamptz " + i);
      float[] vector = (float[]) row[9];
      for (int d = 0; d < 3; d++) {
        assertEquals(vector[d], (float) out.path("v").path("values").get(i).get(d).asDouble(),
            "vector " + i + "," + d);
      }
    }
  }

  private static ColumnSpec column(String name, ColumnType type) {
    return new ColumnSpec(name, type, type.name().toLowerCase(), 0, false, false, null);
  }

  private static JsonNode runPython(String... args) throws Exception {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      fail(PYTHON + " is missing: install python3-zarr (apt-get install -y python3-zarr) to check"
          + " that zarr-python reads our segments");
    }
    List<String> command = new ArrayList<>(List.of(PYTHON, "-c", READER));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] stdout = process.getInputStream().readAllBytes();
    byte[] stderr = process.getErrorStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("zarr-python did not finish in 60 s");
    }
    String errors = new String(stderr, StandardCharsets.UTF_8);
    if (errors.contains("No module named 'zarr'") || errors.contains("No module named 'numpy'")) {
      fail("zarr-python is missing for " + PYTHON
          + ": install python3-zarr (apt-get install -y python3-zarr)\n" + errors);
    }
    if (process.exitValue() != 0) {
      fail("zarr-python could not read the segment:\n" + errors);
    }
    return new ObjectMapper().readTree(stdout);
  }
}
