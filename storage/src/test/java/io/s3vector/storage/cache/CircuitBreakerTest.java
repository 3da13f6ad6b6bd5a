package io.s3vector.storage.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.s3vector.storage.cache.CircuitBreaker.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's state machine on a fake clock: no sleeping. */
class CircuitBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final CircuitBreaker breaker =
      new CircuitBreaker(3, Duration.ofNanos(500), now::get);

  @Test
  void opensAfterThresholdConsecutiveFailures() {
    for (int i = 0; i < 2; i++) {
      assertTrue(breaker.tryAcquire());
      breaker.onFailure();
    }
    assertEquals(State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(State.OPEN, breaker.state());
    assertEquals(1, breaker.opens());
    assertFalse(breaker.tryAcquire());
    assertFalse(breaker.isClosed());
  }

  @Test
  void aSuccessResetsTheCount() {
    breaker.onFailure();
    breaker.onFailure();
    breaker.onSuccess();
    breaker.onFailure();
    breaker.onFailure();
    assertEquals(State.CLOSED, breaker.state());
    assertEquals(0, breaker.opens());
  }

  @Test
  void halfOpenLetsExactlyOneProbeThroughAndItsSuccessCloses() {
    open();
    now.addAndGet(499);
    assertFalse(breaker.tryAcquire());
    now.addAndGet(1);
    assertEquals(State.HALF_OPEN, breaker.state());
    assertTrue(breaker.tryAcquire(), "the probe");
    assertFalse(breaker.tryAcquire(), "a second caller while the probe is out");
    assertFalse(breaker.isClosed(), "no fills while half-open");
    breaker.onSuccess();
    assertEquals(State.CLOSED, breaker.state());
    assertTrue(breaker.tryAcquire());
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void aFailedProbeOpensAgainForAFullPeriod() {
    open();
    now.addAndGet(500);
    assertTrue(breaker.tryAcquire());
    breaker.onFailure();
    assertEquals(State.OPEN, breaker.state());
    assertEquals(2, breaker.opens());
    now.addAndGet(499);
    assertFalse(breaker.tryAcquire());
    now.addAndGet(1);
    assertTrue(breaker.tryAcquire());
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new CircuitBreaker(0, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> new CircuitBreaker(1, Duration.ofSeconds(-1)));
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.onFailure();
    }
    assertEquals(State.OPEN, breaker.state());
  }
}
