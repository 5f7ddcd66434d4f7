package io.svclab.proxy.userspace;

import io.svclab.net.forward.NettyTransport;

/** The proxier's event loops: the shared {@link NettyTransport} (epoll where it loads, NIO elsewhere). */
final class Transport extends NettyTransport {
  Transport(int workerThreads) {
    super(workerThreads);
  }
}
