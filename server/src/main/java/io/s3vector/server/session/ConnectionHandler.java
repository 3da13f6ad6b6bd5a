package io.s3vector.server.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.s3vector.server.protocol.ClientMessage;
import io.s3vector.server.protocol.ProtocolViolation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty end of one connection: hands each decoded message to the connection's {@link Session}
 * on a virtual thread of its own, so the event loop never waits for SQL work and messages are
 * handled strictly in order.
 *
 * <p>When the session falls behind (a client pipelines many messages), reading from the socket
 * pauses until it catches up, so queued messages cannot exhaust memory.
 */
public final class ConnectionHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHandler.class);

  /** Pause reading above this many queued messages, resume below the low mark. */
  private static final int QUEUE_HIGH = 1024;

  private static final int QUEUE_LOW = 256;

  /**
   * Pause reading above this many queued payload bytes (CopyData of a large COPY, big Binds),
   * resume below the low mark: a client streaming faster than the session stores holds at most
   * this much here, plus the socket buffers.
   */
  static final long QUEUE_BYTES_HIGH = 8L << 20;

  static final long QUEUE_BYTES_LOW = 2L << 20;

  private final Function<ChannelHandlerContext, Session> sessionFactory;
  private final Supplier<ExecutorService> threadFactory;
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();

  /**
   * Reading paused for the queue: set and cleared on the event loop only, read by the session's
   * thread to know whether a drained queue must resume reading.
   */
  private volatile boolean paused;

  /** Reading stopped for good after a protocol violation (event loop only). */
  private boolean stopped;

  /** Messages decoded from the current socket read, not yet handed to the session (event loop). */
  private List<ClientMessage> pending = new ArrayList<>();
  private ExecutorService thread;
  private Session session;

  /**
   * @param sessionFactory makes the session for a newly active channel
   * @param threadFactory makes the connection's serial executor: {@link ConnectionThreads} in the
   *     server; tests pass one that runs tasks on the caller's thread, to drive a session
   *     synchronously through an EmbeddedChannel
   */
  public ConnectionHandler(
      Function<ChannelHandlerContext, Session> sessionFactory,
      Supplier<ExecutorService> threadFactory) {
    this.sessionFactory = sessionFactory;
    this.threadFactory = threadFactory;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    session = sessionFactory.apply(ctx);
    thread = threadFactory.get();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // collected and handed over once per socket read: a pipelined Parse/Bind/Describe/Execute/
    // Sync then costs one wake-up of the connection's thread instead of five
    pending.add((ClientMessage) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    submitPending(ctx);
    ctx.fireChannelReadComplete();
  }

  /** Per message: whether an Execute comes after it, before the next Sync, in {@code batch}. */
  static boolean[] executesAhead(List<ClientMessage> batch) {
    boolean[] out = new boolean[batch.size()];
    boolean seen = false;
    for (int i = batch.size() - 1; i >= 0; i--) {
      out[i] = seen;
      ClientMessage m = batch.get(i);
      if (m instanceof ClientMessage.Sync) {
        seen = false;
      } else if (m instanceof ClientMessage.Execute) {
        seen = true;
      }
    }
    return out;
  }

  private void submitPending(ChannelHandlerContext ctx) {
    if (pending.isEmpty()) {
      return;
    }
    List<ClientMessage> batch = pending;
    pending = new ArrayList<>();
    long bytes = 0;
    for (ClientMessage m : batch) {
      bytes += ClientMessage.approximateBytes(m);
    }
    long batchBytes = bytes;
    int messages = queued.addAndGet(batch.size());
    if (queuedBytes.addAndGet(batchBytes) > QUEUE_BYTES_HIGH || messages > QUEUE_HIGH) {
      paused = true;
      ctx.channel().config().setAutoRead(false);
    }
    submit(
        ctx,
        () -> {
          boolean[] executeFollows = executesAhead(batch);
          for (int i = 0; i < batch.size(); i++) {
            session.handle(batch.get(i), executeFollows[i]);
          }
          int left = queued.addAndGet(-batch.size());
          long leftBytes = queuedBytes.addAndGet(-batchBytes);
          // only when paused: a task for the event loop after every statement woke it a second
          // time per statement. Set before the batch that crossed the mark was handed over, so
          // that batch, or one after it, sees it.
          if (paused && left <= QUEUE_LOW && leftBytes <= QUEUE_BYTES_LOW) {
            ctx.channel().eventLoop().execute(() -> resumeIfDrained(ctx));
          }
        });
  }

  /**
   * On the event loop, which alone pauses: a batch queued since the check on the session's thread
   * is checked again when it has run, so no wake-up is lost.
   */
  private void resumeIfDrained(ChannelHandlerContext ctx) {
    if (paused && !stopped && queued.get() <= QUEUE_LOW && queuedBytes.get() <= QUEUE_BYTES_LOW) {
      paused = false;
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    session.writabilityChanged();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    session.writabilityChanged();
    session.socketClosed(); // at once: the session's thread may be busy for a while
    submitPending(ctx);
    submit(ctx, session::closed);
    thread.shutdown();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException && cause.getCause() instanceof ProtocolViolation v) {
      // answered in order with the messages already queued, then the connection closes
      stopped = true;
      ctx.channel().config().setAutoRead(false);
      submitPending(ctx);
      submit(ctx, () -> session.protocolViolation(v.getMessage()));
    } else if (cause instanceof IOException) {
      // connection reset by the client and the like: nothing to tell anyone
      LOG.debug("I/O error on {}: {}", ctx.channel().remoteAddress(), cause.toString());
      ctx.close();
    } else {
      LOG.error("unexpected error on {}", ctx.channel().remoteAddress(), cause);
      ctx.close();
    }
  }

  private void submit(ChannelHandlerContext ctx, Runnable task) {
    try {
      thread.execute(task);
    } catch (RejectedExecutionException e) {
      // the connection is closing; late messages do not matter any more
      ctx.close();
    }
  }
}
