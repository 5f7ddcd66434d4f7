package io.svclab.proxy.snapshot;

/** One Service port, as kube-proxy names it: {@code namespace/name:port} (port name may be empty). */
public record ServicePortName(String namespace, String name, String port, String protocol) {
  public String serviceKey() {
    return namespace + "/" + name;
  }

  @Override
  public String toString() {
    return port.isEmpty() ? serviceKey() : serviceKey() + ":" + port;
  }
}
