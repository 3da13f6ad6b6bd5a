package io.s3vector.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects backend messages into one buffer and hands it to the channel in batches, from the
 * session's thread. Writing message by message would cost one event-loop task and one syscall per
 * DataRow; batching at {@link #BATCH_BYTES} keeps both low while large results still stream.
 *
 * <p>After handing over a batch it waits while the channel is not writable (the client reads
 * slower than we produce), so a huge result never piles up in memory.
 */
final class BackendOutput {
  /** Flush when this much is buffered. */
  static final int BATCH_BYTES = 64 * 1024;

  private final Channel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writable = lock.newCondition();
  private ByteBuf buffer;

  BackendOutput(Channel channel) {
    this.channel = channel;
  }

  /** The buffer to append whole messages to. */
  ByteBuf buffer() {
    if (buffer == null) {
      buffer = channel.alloc().buffer(1024);
    }
    return buffer;
  }

  /** Sends the batch when it is big enough; call after each DataRow. */
  void flushIfFull() {
    if (buffer != null && buffer.readableBytes() >= BATCH_BYTES) {
      flush();
      awaitWritable();
    }
  }

  /** Sends whatever is buffered (at ReadyForQuery, Flush, and before waiting on the client). */
  void flush() {
    ByteBuf b = buffer;
    buffer = null;
    if (b == null) {
      return;
    }
    if (!b.isReadable() || !channel.isActive()) {
      b.release();
      return;
    }
    channel.writeAndFlush(b, channel.voidPromise());
  }

  /** Discards what is buffered (the connection is gone). */
  void discard() {
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  private void awaitWritable() {
    lock.lock();
    try {
      // the timeout guards against a missed signal; the channel state is re-read each round
      while (channel.isActive() && !channel.isWritable()) {
        writable.await(50, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /** Called from the event loop when the channel's writability changes or it closes. */
  void wakeUp() {
    lock.lock();
    try {
      writable.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
