package io.svclab.client.admin;

/** One address of the apiserver (or of an etcd member): a TCP {@code host:port} or a Unix socket. */
public sealed interface ApiTarget {
  /** {@code host:port} over TCP; {@code host} is an IP literal (IPv6 without brackets) or a name. */
  record Tcp(String host, int port) implements ApiTarget {
    /** {@code host:port}, IPv6 in brackets, as gRPC and Go's net.JoinHostPort write it. */
    public String authority() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
      return authority();
    }
  }

  /** {@code unix:/path/to/socket}, kept as written: gRPC's own Unix-socket resolver reads it. */
  record Unix(String target) implements ApiTarget {
    @Override
    public String toString() {
      return target;
    }
  }
}
