package io.s3vector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.tests.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The benchmark's {@code --load copy}: the streamed COPY text, and a run against the server. */
class BenchCopyLoadTest {
  @RegisterExtension static final TestServer server = TestServer.trust();

  @Test
  void copyTextIsStreamedRowByRowInAnyChunkSize() {
    float[][] rows = {{1, 2.5f, -3}, {0, 0, 0}, {1e-3f, 4, 5}};
    String expected = "0\t[1,2.5,-3]\n1\t[0,0,0]\n2\t[0.001,4,5]\n";
    for (int chunk : new int[] {1, 3, 7, 1000}) {
      Workload.CopyTextReader reader = new Workload.CopyTextReader(rows);
      StringBuilder got = new StringBuilder();
      char[] buf = new char[chunk];
      int n;
      while ((n = reader.read(buf, 0, chunk)) != -1) {
        assertTrue(n > 0 && n <= chunk);
        got.append(buf, 0, n);
      }
      assertEquals(expected, got.toString(), "chunk " + chunk);
    }
  }

  @Test
  void loadCopyAgainstTheServer() throws Exception {
    BenchOptions options = BenchOptions.parse(new String[] {
        "--url", server.url(), "--dataset", "synthetic", "--rows", "3000", "--dim", "16",
        "--load", "copy", "--index", "none", "--queries", "5", "--clients", "1", "--passes", "1"});
    Dataset dataset = Dataset.synthetic(3000, 16, 5, 10, Metric.L2);
    Workload.Result result = new Workload(options, dataset, server.url()).run();
    assertTrue(result.loadVectorsPerSecond() > 0);
    Workload.SearchResult search = result.searches().get(0);
    assertEquals(1.0, search.recall(), "exact search over the copied rows");
    if (TestServer.inProcess()) {
      // every exact query reads the table: from L1 when the cache is on, else from the folder
      assertTrue(search.io().isPresent(), "ours reports its reads");
      assertFalse(Double.isNaN(search.io().get().l1HitRate()), "the timed queries read values");
    } else {
      assertTrue(search.io().isEmpty(), "PostgreSQL has no s3vector_stat_io");
    }
    try (Connection c = server.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), min(id), max(id) FROM " + Workload.TABLE)) {
      rs.next();
      assertEquals(3000, rs.getInt(1));
      assertEquals(0, rs.getInt(2));
      assertEquals(2999, rs.getInt(3));
    }
  }
}
