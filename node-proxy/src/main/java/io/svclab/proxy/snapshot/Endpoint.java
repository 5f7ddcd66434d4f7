package io.svclab.proxy.snapshot;

/**
 * One backend of a Service port, from an EndpointSlice endpoint and the slice port it matched.
 * Conditions follow discovery/v1: an unset {@code ready} means ready, an unset {@code serving}
 * means the same as ready, an unset {@code terminating} means not terminating.
 *
 * @param local the endpoint's {@code nodeName} is this proxy's node
 */
public record Endpoint(String ip, int port, String nodeName, boolean ready, boolean serving,
    boolean terminating, boolean local) {

  public String address() {
    return ip + ":" + port;
  }

  @Override
  public String toString() {
    return address();
  }
}
