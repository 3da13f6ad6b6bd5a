package io.s3vector.bench;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One status line on stderr, rewritten in place ({@code \r}) every half second while a long step
 * runs: rows loaded out of the total and the rate, or what a CREATE INDEX reports. Closing it
 * prints the last state and ends the line. A disabled progress prints nothing.
 */
final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final AtomicLong done = new AtomicLong();
  private final long start = System.nanoTime();
  private final Supplier<String> detail;
  private final ScheduledExecutorService timer;
  private int lastWidth;

  private Progress(PrintStream out, String label, long total, Supplier<String> detail, boolean enabled) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.detail = detail;
    if (enabled) {
      timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-progress");
        t.setDaemon(true);
        return t;
      });
      timer.scheduleAtFixedRate(this::print, 500, 500, TimeUnit.MILLISECONDS);
    } else {
      timer = null;
    }
  }

  /** Rows done out of {@code total}, counted with {@link #add}. */
  static Progress rows(String label, long total, boolean enabled) {
    return new Progress(System.err, label, total, null, enabled);
  }

  /** Elapsed time and whatever {@code detail} says (polled off the timer thread; null: nothing). */
  static Progress polling(String label, Supplier<String> detail, boolean enabled) {
    return new Progress(System.err, label, -1, detail, enabled);
  }

  void add(long n) {
    done.addAndGet(n);
  }

  long done() {
    return done.get();
  }

  /** The status line as it would be printed now. */
  String line() {
    double seconds = (System.nanoTime() - start) / 1e9;
    StringBuilder sb = new StringBuilder(label).append(": ");
    if (total >= 0) {
      long n = done.get();
      sb.append(bar(total == 0 ? 1 : (double) n / total)).append(' ')
          .append(String.format("%,d / %,d rows, %,.0f rows/s, ", n, total, seconds > 0 ? n / seconds : 0));
    }
    sb.append(String.format("%.1f s", seconds));
    if (detail != null) {
      String d;
      try {
        d = detail.get();
      } catch (RuntimeException e) {
        d = null;
      }
      if (d != null && !d.isEmpty()) {
        sb.append(", ").append(d);
      }
    }
    return sb.toString();
  }

  static String bar(double fraction) {
    int width = 20;
    int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
    return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
        + String.format("%3.0f%%", Math.max(0, Math.min(1, fraction)) * 100);
  }

  private synchronized void print() {
    String line = line();
    int pad = Math.max(0, lastWidth - line.length());
    out.print("\r" + line + " ".repeat(pad));
    out.flush();
    lastWidth = line.length();
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    print();
    out.println();
  }
}
