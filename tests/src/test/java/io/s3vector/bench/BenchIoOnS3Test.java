package io.s3vector.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.tests.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bench's reads per query against our server on S3 with the in-process cache off: every
 * value then comes from the bucket, so the figures must show requests and bytes, and no L1 hits.
 */
class BenchIoOnS3Test {
  @RegisterExtension
  static final TestServer server = TestServer.onS3().withFlags("--cache-size", "0");

  @Test
  void exactSearchWithCachesOffReadsEveryQueryFromTheBucket() throws Exception {
    TestServer.assumeInProcess();
    BenchOptions options = BenchOptions.parse(new String[] {
        "--url", server.url(), "--dataset", "synthetic", "--rows", "2000", "--dim", "16",
        "--load", "copy", "--index", "none", "--queries", "5", "--clients", "1,2", "--passes", "1"});
    Dataset dataset = Dataset.synthetic(2000, 16, 5, 10, Metric.L2);
    Workload.Result result = new Workload(options, dataset, server.url()).run();

    for (Workload.SearchResult search : result.searches()) {
      IoPerQuery io = search.io().orElseThrow();
      assertTrue(io.storeRequests() >= 1, "at least one request per query: " + io);
      assertTrue(io.storeBytes() > 0, io.toString());
      // concurrent clients share a round when they read the same chunk at once (one request
      // serves both), so with 2 clients a query may average fewer than one round of its own
      assertTrue(io.storeRounds() > 0, io.toString());
      assertEquals(0.0, io.l1HitRate(), "no in-process cache");
      assertEquals(0.0, io.redisHitRate(), "no Redis");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Report.print(new PrintStream(out, true, StandardCharsets.UTF_8), options, dataset, result);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("| 0.0% | 0.0% |"), out.toString());
  }
}
