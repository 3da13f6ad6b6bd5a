package io.s3vector.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The event loops and server channel for client connections: Linux's epoll where Netty's native
 * transport loads, Java's NIO selector elsewhere. Every statement's answer is written from the
 * session's thread, which wakes the connection's event loop; NIO's selector then wakes itself a
 * second time after each such wake-up (one more eventfd write, epoll_wait and read on the event
 * loop, the first of them before the answer is written), while epoll's loop does not.
 *
 * @param name which transport it is ("epoll" or "nio")
 */
record ServerTransport(
    String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {

  static ServerTransport best() {
    if (!Boolean.getBoolean("s3vector.nio") && Epoll.isAvailable()) {
      return new ServerTransport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return new ServerTransport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }
}
