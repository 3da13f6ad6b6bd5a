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
 * JMH throughput of the distance kernels on one pair of vectors (in cache: the arithmetic, not
 * the memory): the scalar reference, the Panama kernels as they were ({@link
 * OneAccumulatorKernels}: one accumulator, cosine in three passes) and as they are. Compiled with
 * the tests, never run by them; BENCHMARKS.md has the command and the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class KernelsBenchmark {

  @Param({"128", "784", "1536"})
  public int dim;

  @Param({"scalar", "panama-1acc", "panama"})
  public String kernels;

  private DistanceKernels k;
  private float[] a;
  private float[] b;

  @Setup
  public void setUp() {
    k = switch (kernels) {
      case "scalar" -> ScalarKernels.INSTANCE;
      case "panama-1acc" -> new OneAccumulatorKernels();
      case "panama" -> new PanamaKernels();
      default -> throw new IllegalArgumentException(kernels);
    };
    SplittableRandom random = new SplittableRandom(42);
    a = new float[dim];
    b = new float[dim];
    for (int i = 0; i < dim; i++) {
      a[i] = (float) (random.nextDouble() * 2 - 1);
      b[i] = (float) (random.nextDouble() * 2 - 1);
    }
  }

  @Benchmark
  public float squaredL2() {
    return k.squaredL2(a, 0, b, 0, dim);
  }

  @Benchmark
  public float dotProduct() {
    return k.dotProduct(a, 0, b, 0, dim);
  }

  @Benchmark
  public float l1() {
    return k.l1(a, 0, b, 0, dim);
  }

  /** The kernel's own cosine: one pass, except for the baseline's three. */
  @Benchmark
  public double cosine() {
    return k.cosineDistance(a, 0, b, 0, dim);
  }

  /** Cosine as three passes (dot, |a|², |b|²) over the same kernels: what one pass saves. */
  @Benchmark
  public double cosineThreePasses() {
    return Distances.cosine(k.dotProduct(a, 0, b, 0, dim), k.squaredNorm(a, 0, dim),
        k.squaredNorm(b, 0, dim));
  }
}
