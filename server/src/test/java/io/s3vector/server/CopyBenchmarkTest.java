package io.s3vector.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * {@link CopyBenchmark} as a test, off by default (it takes a while and writes ~100 MB):
 * {@code mvn -o -q -pl server install -Dtest=CopyBenchmarkTest -Dcopy.benchmark=true}.
 */
@EnabledIfSystemProperty(named = "copy.benchmark", matches = "true")
class CopyBenchmarkTest {

  @Test
  void copyOf200000VectorsOf128Dimensions() throws Exception {
    CopyBenchmark.Result r =
        CopyBenchmark.run(Integer.getInteger("copy.rows", 200_000), Integer.getInteger("copy.dims", 128));
    System.out.println(r);
    // the stream (~230 MB of text) must not be held in memory
    assertTrue(r.maxHeapAfterGc() < 200L << 20, r.toString());
  }
}
