package io.s3vector.storage.cache;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops a failing cache tier from costing every query its full timeout. After {@code threshold}
 * consecutive failures it opens for {@code openPeriod}: callers skip the tier at once. Then it is
 * half-open: exactly one caller (the probe) is let through; its success closes the breaker, its
 * failure opens it again for another period.
 *
 * <p>Calls are per batch, not per key, so plain synchronization is cheap enough. Thread-safe.
 */
public final class CircuitBreaker {

  /** CLOSED lets everything through; OPEN nothing; HALF_OPEN one probe. */
  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final long openNanos;
  private final LongSupplier nanoClock;

  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openUntil;
  private boolean probeInFlight;
  private long opens;

  public CircuitBreaker(int threshold, Duration openPeriod) {
    this(threshold, openPeriod, System::nanoTime);
  }

  /** With an injectable clock, for tests that must not sleep. */
  CircuitBreaker(int threshold, Duration openPeriod, LongSupplier nanoClock) {
    if (threshold < 1 || openPeriod.isNegative()) {
      throw new IllegalArgumentException("threshold " + threshold + ", open for " + openPeriod);
    }
    this.threshold = threshold;
    this.openNanos = openPeriod.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Whether a call may go to the tier now. A true answer in the half-open state makes the caller
   * the probe: it must report {@link #onSuccess} or {@link #onFailure}, or nobody else gets in.
   */
  public synchronized boolean tryAcquire() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (nanoClock.getAsLong() - openUntil < 0) {
          return false;
        }
        state = State.HALF_OPEN;
        probeInFlight = true;
        return true;
      default: // HALF_OPEN
        if (probeInFlight) {
          return false;
        }
        probeInFlight = true;
        return true;
    }
  }

  /** Whether optional work (cache fills) should be done: only when fully closed. */
  public synchronized boolean isClosed() {
    return state == State.CLOSED;
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    probeInFlight = false;
    state = State.CLOSED;
  }

  public synchronized void onFailure() {
    probeInFlight = false;
    consecutiveFailures++;
    if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= threshold)) {
      state = State.OPEN;
      openUntil = nanoClock.getAsLong() + openNanos;
      opens++;
    }
  }

  public synchronized State state() {
    // report an expired open period as half-open, which is what the next caller will see
    if (state == State.OPEN && nanoClock.getAsLong() - openUntil >= 0) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /** How many times the breaker has opened (closed or half-open to open). */
  public synchronized long opens() {
    return opens;
  }
}
