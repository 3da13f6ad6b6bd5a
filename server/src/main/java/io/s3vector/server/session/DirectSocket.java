package io.s3vector.server.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.UnixChannel;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection's socket written to straight from the session's thread: an answer handed to the
 * channel is written by its event loop, which the session's thread must wake for it (one more
 * thread switch per statement, and the event loop's CPU; 3–10% of a one-client UPDATE's rate
 * here). Only a non-blocking {@code send} is made: what the socket does not take at once, or a
 * send that fails, goes through the channel as before ({@link BackendOutput}), which also reports
 * the failure.
 *
 * <p>The socket is written through a duplicate of the channel's descriptor, made when the
 * connection starts and closed here: the channel's own may be closed by its event loop at any
 * moment (the client went away) and its number given to the next connection, which a write
 * racing that close would reach. The duplicate keeps the socket open until {@link #close}, which
 * the session calls when it closes the connection, and its handler when the channel goes
 * inactive.
 *
 * <p>libc's {@code dup}, {@code send} and {@code close} are called through the foreign function
 * API, final from Java 22; the build targets Java 21, where it is a preview, so the handles are
 * made reflectively, once, and take primitive arguments only (an address as a {@code long}, as
 * the C calling conventions pass it). Where that API or native access is not there (Java 21, a
 * JVM started without {@code --enable-native-access}, another transport than Linux's epoll),
 * answers go through the channel.
 */
public final class DirectSocket {
  private static final Logger LOG = LoggerFactory.getLogger(DirectSocket.class);

  private static final int MSG_DONTWAIT = 0x40;
  private static final int MSG_NOSIGNAL = 0x4000;

  private static final Natives NATIVES = Natives.load();

  private int fd;

  private DirectSocket(int fd) {
    this.fd = fd;
  }

  /**
   * The channel's socket for direct writes, or null where they are not possible. Call on the
   * channel's event loop while it is active (its descriptor is then surely its own).
   */
  static DirectSocket of(Channel channel) {
    if (NATIVES == null || !(channel instanceof UnixChannel unix) || !channel.isActive()) {
      return null;
    }
    try {
      int copy = (int) NATIVES.dup.invokeExact(unix.fd().intValue());
      return copy < 0 ? null : new DirectSocket(copy);
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Sends what the socket takes at once of {@code buffer}'s readable bytes and skips them; what
   * is left (the socket's buffer is full, the send failed, or this socket is closed) is for the
   * channel. A buffer without a memory address is left to the channel whole.
   */
  synchronized void send(ByteBuf buffer) {
    if (fd < 0 || !buffer.hasMemoryAddress()) {
      return;
    }
    try {
      while (buffer.isReadable()) {
        long sent = (long) NATIVES.send.invokeExact(fd,
            buffer.memoryAddress() + buffer.readerIndex(), (long) buffer.readableBytes(),
            MSG_DONTWAIT | MSG_NOSIGNAL);
        if (sent <= 0) {
          return;
        }
        buffer.skipBytes((int) sent);
      }
    } catch (Throwable e) {
      LOG.debug("direct write failed: {}", e.toString());
    }
  }

  /** Closes the duplicate descriptor; the socket closes once the channel's own is closed too. */
  synchronized void close() {
    if (fd < 0) {
      return;
    }
    try {
      int ignored = (int) NATIVES.close.invokeExact(fd);
    } catch (Throwable e) {
      // nothing more to do with it
    }
    fd = -1;
  }

  /** Whether direct writes are possible in this JVM (for tests). */
  public static boolean available() {
    return NATIVES != null;
  }

  /** The downcall handles: {@code int dup(int)}, {@code long send(int, long, long, int)}, {@code int close(int)}. */
  private record Natives(MethodHandle dup, MethodHandle send, MethodHandle close) {

    static Natives load() {
      if (Boolean.getBoolean("s3vector.noDirectWrites") || Runtime.version().feature() < 22
          || !System.getProperty("os.name", "").startsWith("Linux")) {
        return null;
      }
      try {
        Method enabled = Module.class.getMethod("isNativeAccessEnabled");
        if (!(boolean) enabled.invoke(DirectSocket.class.getModule())) {
          return null;
        }
        Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
        Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayouts = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descriptorClass = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> segmentClass = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
        Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerClass.getMethod("defaultLookup").invoke(linker);
        Method find = Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class);
        Object intLayout = valueLayouts.getField("JAVA_INT").get(null);
        Object longLayout = valueLayouts.getField("JAVA_LONG").get(null);
        Method of = descriptorClass.getMethod("of", layoutClass, layoutClass.arrayType());
        Method downcall = linkerClass.getMethod("downcallHandle", segmentClass, descriptorClass,
            optionClass.arrayType());
        Object noOptions = Array.newInstance(optionClass, 0);
        java.util.function.BiFunction<String, Object[], MethodHandle> handle = (name, layouts) -> {
          try {
            Object symbol = ((Optional<?>) find.invoke(lookup, name)).orElseThrow();
            Object args = Array.newInstance(layoutClass, layouts.length - 1);
            for (int i = 1; i < layouts.length; i++) {
              Array.set(args, i - 1, layouts[i]);
            }
            Object descriptor = of.invoke(null, layouts[0], args);
            return (MethodHandle) downcall.invoke(linker, symbol, descriptor, noOptions);
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        };
        return new Natives(
            handle.apply("dup", new Object[] {intLayout, intLayout}),
            handle.apply("send", new Object[] {longLayout, intLayout, longLayout, longLayout, intLayout}),
            handle.apply("close", new Object[] {intLayout, intLayout}));
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        LOG.info("answers are written by the event loops: {}", e.toString());
        return null;
      }
    }
  }
}
