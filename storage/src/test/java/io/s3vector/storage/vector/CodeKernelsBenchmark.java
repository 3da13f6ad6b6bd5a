package io.s3vector.storage.vector;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH throughput of one distance between a query and one stored vector, as float32 ({@link
 * DistanceKernels}) and as an int8 code ({@link ScalarQuantizer.Query}, the graph walk's
 * distance; and the plain decoded {@link ScalarQuantizer#distance} reference), on the scalar and
 * the Vector API loops. In cache: the arithmetic, not the memory (codes are a quarter of the
 * bytes a walk that misses the cache loads). Compiled with the tests, never run by them;
 * BENCHMARKS.md has the command and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class CodeKernelsBenchmark {

  @Param({"128", "784"})
  public int dim;

  @Param({"scalar", "panama"})
  public String kernels;

  private DistanceKernels floats;
  private ScalarQuantizer quantizer;
  private ScalarQuantizer.Query l2;
  private ScalarQuantizer.Query dot;
  private float[] query;
  private float[] vector;
  private byte[] code;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    int rows = 64;
    float[] train = new float[rows * dim];
    for (int i = 0; i < train.length; i++) {
      train[i] = (float) (random.nextDouble() * 2 - 1);
    }
    quantizer = ScalarQuantizer.train(train, rows, dim, null);
    query = java.util.Arrays.copyOfRange(train, 0, dim);
    vector = java.util.Arrays.copyOfRange(train, dim, 2 * dim);
    code = new byte[dim];
    quantizer.encode(vector, 0, code, 0);
    boolean panama = kernels.equals("panama");
    floats = panama ? new PanamaKernels() : ScalarKernels.INSTANCE;
    CodeKernels codes = panama ? new PanamaCodeKernels() : ScalarCodeKernels.INSTANCE;
    l2 = quantizer.prepare(DistanceMetric.L2, query, codes);
    dot = quantizer.prepare(DistanceMetric.NEGATIVE_INNER_PRODUCT, query, codes);
  }

  @Benchmark
  public float floatSquaredL2() {
    return floats.squaredL2(query, 0, vector, 0, dim);
  }

  @Benchmark
  public float codeSquaredL2() {
    return l2.distance(code, 0);
  }

  @Benchmark
  public float floatDot() {
    return -floats.dotProduct(query, 0, vector, 0, dim);
  }

  @Benchmark
  public float codeDot() {
    return dot.distance(code, 0);
  }

  /** The decoding reference {@link ScalarQuantizer#distance} (scalar whatever the kernels). */
  @Benchmark
  public float codeSquaredL2Decoded() {
    return quantizer.distance(DistanceMetric.L2, query, code, 0);
  }
}
