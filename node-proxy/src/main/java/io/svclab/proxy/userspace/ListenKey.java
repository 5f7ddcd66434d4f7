package io.svclab.proxy.userspace;

/** One socket the proxier owns: address, port and protocol (TCP or UDP). */
public record ListenKey(String ip, int port, String protocol) {
  @Override
  public String toString() {
    return ip + ":" + port + "/" + protocol;
  }
}
