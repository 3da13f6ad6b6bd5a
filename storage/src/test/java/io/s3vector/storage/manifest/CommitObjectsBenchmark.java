package io.s3vector.storage.manifest;

import io.s3vector.storage.layout.CatalogJson;
import io.s3vector.storage.objectstore.LocalObjectStore;
import io.s3vector.storage.segment.ColumnData;
import io.s3vector.storage.segment.SegmentMeta;
import io.s3vector.storage.segment.SegmentPack;
import io.s3vector.storage.segment.SegmentWriter;
import io.s3vector.storage.table.ColumnSpec;
import io.s3vector.storage.table.ColumnType;
import io.s3vector.storage.table.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH time of what every commit of a few rows costs in CPU apart from its statements: the pack of
 * its rows (Zarr documents, chunks and attributes, staged in memory as a commit stages them), the
 * pack's attributes JSON alone, and the manifest delta that appends it to a table of {@code
 * segments} segments (half of them packs named inline). Rows of a table (id bigint, category
 * int, embedding vector(128)). Compiled with the tests, never run by them; BENCHMARKS.md has the
 * command and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class CommitObjectsBenchmark {

  @Param({"1", "16"})
  public int rows;

  @Param({"40"})
  public int segments;

  private Path folder;
  private LocalObjectStore local;
  private ManifestBlobStore store;
  private InlineBlobs blobs;
  private SegmentWriter writer;
  private TableSchema schema;
  private List<ColumnData> columns;
  private SegmentMeta meta;
  private Manifest base;
  private Manifest next;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    folder = Files.createTempDirectory("commit-objects");
    local = new LocalObjectStore(folder);
    blobs = new InlineBlobs();
    store = new ManifestBlobStore(local, blobs);
    writer = new SegmentWriter(store, 1 << 20);
    schema = new TableSchema("t", List.of(
        new ColumnSpec("id", ColumnType.INT8, "bigint", 0, false, false, null),
        new ColumnSpec("category", ColumnType.INT4, "integer", 0, true, false, null),
        new ColumnSpec("embedding", ColumnType.VECTOR, "vector(128)", 128, true, false, null)),
        List.of("id"));
    SplittableRandom random = new SplittableRandom(1);
    List<Object[]> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      float[] v = new float[128];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextDouble();
      }
      data.add(new Object[] {random.nextLong(), 1, v});
    }
    columns = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      ColumnSpec spec = schema.columns().get(c);
      columns.add(ColumnData.fromRows(spec.name(), spec.type(), spec.dimension(), data, c));
    }
    meta = writer.write("t", schema, columns, true).meta();
    List<SegmentRef> list = new ArrayList<>();
    TreeMap<String, BlobRef> inline = new TreeMap<>();
    for (int s = 0; s < segments; s++) {
      boolean pack = s >= segments / 2;
      String id = (pack ? SegmentPack.ID_PREFIX : "") + "segment-" + s;
      list.add(new SegmentRef(id, pack ? 1 : 100_000));
      if (pack) {
        inline.put(SegmentPack.key("t", id), new BlobRef(1000 + s, 0, 2_700));
      }
    }
    TableEntry entry = new TableEntry("table-id", "t", schema, list, Map.of("id", 5L));
    base = new Manifest(Manifest.FORMAT, 2_000, new TreeMap<>(Map.of("t", entry)), "c", "p",
        1_990, inline);
    String pack = writer.write("t", schema, columns, true).id();
    next = base.withTable(entry.withAppended(List.of(new SegmentRef(pack, rows)), Map.of()))
        .successorOf(base);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    local.close();
  }

  @Benchmark
  public String pack() {
    String id = writer.write("t", schema, columns, true).id();
    store.delete(SegmentPack.key("t", id));
    return id;
  }

  @Benchmark
  public byte[] packAttributes() {
    return CatalogJson.writeCompact(Map.of(SegmentMeta.ATTRIBUTE, meta));
  }

  @Benchmark
  public Object manifestDelta() {
    return ManifestObject.encode(next, base, false, blobs, key -> null);
  }
}
