package io.s3vector.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Collects backend messages into one buffer and writes it in batches, from the session's thread:
 * straight to the socket where it can ({@link DirectSocket}), else through the channel. Writing
 * message by message would cost one system call (or event-loop task) per DataRow; batching at
 * {@link #BATCH_BYTES} keeps them few while large results still stream.
 *
 * <p>After handing over a batch it waits while the channel is not writable (the client reads
 * slower than we produce), so a huge result never piles up in memory.
 */
final class BackendOutput {
  /** Flush when this much is buffered. */
  static final int BATCH_BYTES = 64 * 1024;

  private final Channel channel;
  /** The socket written straight from the session's thread, or null: all through the channel. */
  private final DirectSocket direct;
  /**
   * Batches handed to the channel whose write has not finished: while there are any, the next
   * batch goes through the channel too, so the client reads every batch in order.
   */
  private final java.util.concurrent.atomic.AtomicInteger viaChannel =
      new java.util.concurrent.atomic.AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writable = lock.newCondition();
  private ByteBuf buffer;

  BackendOutput(Channel channel) {
    this.channel = channel;
    this.direct = DirectSocket.of(channel);
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
    if (direct == null) {
      channel.writeAndFlush(b, channel.voidPromise());
      return;
    }
    if (viaChannel.get() == 0) {
      direct.send(b);
      if (!b.isReadable()) {
        b.release();
        return;
      }
      // the socket's buffer is full (or the send failed): the channel writes the rest once the
      // client reads (or reports the failure)
    }
    viaChannel.incrementAndGet();
    channel.writeAndFlush(b).addListener(f -> viaChannel.decrementAndGet());
  }

  /** Closes the socket written directly (the connection closes, or has closed). */
  void closeSocket() {
    if (direct != null) {
      direct.close();
    }
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
