package io.svclab.dns.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;

/** {@code --upstream host:port}: names outside the zones, forwarded (UDP, TCP on truncation). */
public final class Upstream {
  private final SimpleResolver resolver;
  private final String target;

  public Upstream(String hostPort, Duration timeout) {
    this.target = hostPort;
    int colon = hostPort.lastIndexOf(':');
    String host = colon > 0 ? hostPort.substring(0, colon) : hostPort;
    int port = colon > 0 ? Integer.parseInt(hostPort.substring(colon + 1)) : 53;
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    this.resolver = new SimpleResolver(new InetSocketAddress(host, port));
    resolver.setTimeout(timeout);
  }

  /** The upstream's reply, or a failed stage (timeout, refused connection...). */
  public CompletionStage<Message> forward(Message query) {
    try {
      return resolver.sendAsync(query.clone());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public String toString() {
    return target;
  }
}
