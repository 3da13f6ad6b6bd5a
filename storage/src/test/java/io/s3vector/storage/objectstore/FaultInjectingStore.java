package io.s3vector.storage.objectstore;

import io.s3vector.storage.StorageException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An {@link ObjectStore} around any other that misbehaves by rule, to test what failures leave
 * behind and what callers see: an operation on a matching key fails, is slow, or hangs and then
 * times out, for a number of times or until {@link #heal()}. Rules are checked in the order added;
 * the first matching one with uses left applies.
 */
public final class FaultInjectingStore implements ObjectStore {

  /** The operations a rule can target. */
  public enum Op {
    GET, GET_RANGE, PUT, PUT_IF_ABSENT, LIST, DELETE;

    public static final Set<Op> READS = EnumSet.of(GET, GET_RANGE);
    public static final Set<Op> WRITES = EnumSet.of(PUT, PUT_IF_ABSENT);
  }

  /** What happens to a matching operation. */
  public sealed interface Fault {
    /** Throws a StorageException naming the key, as a failed request does. */
    record Fail() implements Fault {}

    /** Answers correctly, but only after {@code delay}: a slow server. */
    record Slow(Duration delay) implements Fault {}

    /** Waits {@code after}, then fails as a timed-out request does. */
    record Timeout(Duration after) implements Fault {}

    /**
     * Waits until {@code release} opens, then answers correctly: a request in flight for as long
     * as the test wants (e.g. while other writers commit), without guessing a delay.
     */
    record Held(java.util.concurrent.CountDownLatch release) implements Fault {}
  }

  private record Rule(Set<Op> ops, Predicate<String> keys, Fault fault, AtomicInteger remaining) {}

  /** Any number of times. */
  public static final int ALWAYS = Integer.MAX_VALUE;

  private final ObjectStore inner;
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicInteger injected = new AtomicInteger();

  public FaultInjectingStore(ObjectStore inner) {
    this.inner = inner;
  }

  /** Adds a rule: the next {@code times} operations in {@code ops} on matching keys get the fault. */
  public FaultInjectingStore inject(Set<Op> ops, Predicate<String> keys, Fault fault, int times) {
    rules.add(new Rule(Set.copyOf(ops), keys, fault, new AtomicInteger(times)));
    return this;
  }

  /** Makes every write (put and putIfAbsent) of matching keys fail; {@code key -> false} heals. */
  public void failWrites(Predicate<String> keys) {
    rules.removeIf(rule -> rule.ops().equals(Op.WRITES) && rule.fault() instanceof Fault.Fail);
    inject(Op.WRITES, keys, new Fault.Fail(), ALWAYS);
  }

  /** Removes every rule. */
  public void heal() {
    rules.clear();
  }

  /** How many faults were injected so far. */
  public int injected() {
    return injected.get();
  }

  private void apply(Op op, String key) {
    for (Rule rule : rules) {
      if (!rule.ops().contains(op) || !rule.keys().test(key)) {
        continue;
      }
      if (rule.remaining().getAndUpdate(n -> n == ALWAYS ? n : Math.max(0, n - 1)) == 0) {
        continue;
      }
      injected.incrementAndGet();
      switch (rule.fault()) {
        case Fault.Fail f -> throw new StorageException("injected failure: could not " + verb(op) + " object \"" + key + "\"");
        case Fault.Slow slow -> sleep(slow.delay(), key);
        case Fault.Held held -> {
          try {
            held.release().await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while holding object \"" + key + "\"", e);
          }
        }
        case Fault.Timeout timeout -> {
          sleep(timeout.after(), key);
          throw new StorageException("injected timeout: could not " + verb(op) + " object \"" + key
              + "\": no answer within " + timeout.after().toMillis() + " ms");
        }
      }
      return;
    }
  }

  private static String verb(Op op) {
    return switch (op) {
      case GET, GET_RANGE -> "read";
      case PUT, PUT_IF_ABSENT -> "write";
      case LIST -> "list";
      case DELETE -> "delete";
    };
  }

  private static void sleep(Duration delay, String key) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for object \"" + key + "\"", e);
    }
  }

  @Override
  public Optional<byte[]> get(String key) {
    apply(Op.GET, key);
    return inner.get(key);
  }

  @Override
  public byte[] getRange(String key, long offset, int length) {
    apply(Op.GET_RANGE, key);
    return inner.getRange(key, offset, length);
  }

  @Override
  public void put(String key, byte[] data) {
    apply(Op.PUT, key);
    inner.put(key, data);
  }

  @Override
  public boolean putIfAbsent(String key, byte[] data) {
    apply(Op.PUT_IF_ABSENT, key);
    return inner.putIfAbsent(key, data);
  }

  @Override
  public List<String> list(String prefix) {
    apply(Op.LIST, prefix);
    return inner.list(prefix);
  }

  @Override
  public void delete(String key) {
    apply(Op.DELETE, key);
    inner.delete(key);
  }

  @Override
  public void close() {
    inner.close();
  }
}
