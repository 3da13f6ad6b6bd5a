package io.s3vector.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.s3vector.server.auth.Authenticator;
import io.s3vector.server.protocol.FrameDecoder;
import io.s3vector.server.session.CancelKeys;
import io.s3vector.server.session.ConnectionHandler;
import io.s3vector.server.session.ConnectionThreads;
import io.s3vector.server.session.Session;
import io.s3vector.sql.SqlEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running PostgreSQL-protocol server: a Netty listener whose connections each get a {@link
 * Session} over the given {@link SqlEngine}. Start with {@link #start}, stop with {@link #close}.
 *
 * <pre>{@code
 * try (S3VectorServer server = S3VectorServer.start(ServerConfig.defaults().withPort(0), engine)) {
 *   String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
 * }
 * }</pre>
 */
public final class S3VectorServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3VectorServer.class);

  private final ServerConfig config;
  private final EventLoopGroup acceptGroup;
  private final EventLoopGroup ioGroup;
  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final ConnectionThreads threads;
  private final int port;

  private S3VectorServer(
      ServerConfig config,
      EventLoopGroup acceptGroup,
      EventLoopGroup ioGroup,
      Channel serverChannel,
      ChannelGroup connections,
      ConnectionThreads threads) {
    this.config = config;
    this.acceptGroup = acceptGroup;
    this.ioGroup = ioGroup;
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.threads = threads;
    this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /**
   * Binds {@code config.host():config.port()} (port 0 picks a free one) and serves connections
   * until {@link #close}. The engine is not closed by the server.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound
   */
  public static S3VectorServer start(ServerConfig config, SqlEngine engine) {
    ServerTransport transport = ServerTransport.best();
    EventLoopGroup acceptGroup = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
    EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(transport.ioHandlers());
    ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    CancelKeys cancelKeys = new CancelKeys();
    SecureRandom random = new SecureRandom();
    ConnectionThreads threads = new ConnectionThreads();
    try {
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(acceptGroup, ioGroup)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 1024)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.SO_KEEPALIVE, true)
              // above the 64 KiB batches of DataRows, so one batch never blocks on its own
              .childOption(
                  ChannelOption.WRITE_BUFFER_WATER_MARK,
                  new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      connections.add(ch);
                      ch.pipeline()
                          .addLast("frames", new FrameDecoder(config.maxMessageBytes()))
                          .addLast(
                              "session",
                              new ConnectionHandler(
                                  ctx ->
                                      new Session(
                                          ctx.channel(),
                                          engine,
                                          Authenticator.forConnection(
                                              config.auth(),
                                              config.user(),
                                              config.password(),
                                              random),
                                          cancelKeys,
                                          random),
                                  threads));
                    }
                  });
      Channel channel =
          bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
      return new S3VectorServer(config, acceptGroup, ioGroup, channel, connections, threads);
    } catch (Exception e) {
      // Netty rethrows the BindException unchecked; say which address could not be bound
      acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      if (e instanceof IOException io) {
        throw new UncheckedIOException(
            "cannot listen on " + config.host() + ":" + config.port() + ": " + io.getMessage(), io);
      }
      throw e;
    }
  }

  /** The port actually bound (the chosen one when the config said 0). */
  public int port() {
    return port;
  }

  public String host() {
    return config.host();
  }

  /**
   * Stops listening, closes every connection, and waits (up to a few seconds) for running
   * statements and session cleanup, so the engine and store can be closed safely afterwards.
   */
  @Override
  public void close() {
    serverChannel.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (!threads.awaitTermination(Duration.ofSeconds(10))) {
      LOG.warn("some connections were still busy 10 s after shutdown began");
    }
    acceptGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
