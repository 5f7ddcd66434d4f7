package io.svclab.apiserver.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where the apiserver keeps its state, as {@code --storage} names it: {@code sqlite:<path>} (one
 * file, the default {@code <data>/state.db}) or {@code etcd:http://host:port[,http://host:port...]}
 * (an etcd cluster, every member listed, as kube-apiserver's {@code --etcd-servers}).
 */
public sealed interface StorageBackend {
  int ETCD_DEFAULT_PORT = 2379;
  String USAGE = "want sqlite:<path> or etcd:http://<host>:<port>[,http://<host>:<port>...]";

  record Sqlite(Path file) implements StorageBackend {}

  record Etcd(List<EtcdEndpoint> endpoints) implements StorageBackend {
    /** The endpoints as given, for messages: {@code http://127.0.0.1:2379,http://127.0.0.1:2381}. */
    public String urls() {
      return endpoints.stream().map(EtcdEndpoint::url).collect(Collectors.joining(","));
    }
  }

  /** One etcd member's client URL (plain HTTP/2: the lab's etcd runs without TLS). */
  record EtcdEndpoint(String host, int port) {
    public String url() {
      return "http://" + target();
    }

    /** gRPC's {@code host:port}. */
    public String target() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** @throws IllegalArgumentException with what is wrong, for the flag's error line */
  static StorageBackend parse(String value) {
    if (value.startsWith("sqlite:")) {
      String path = value.substring("sqlite:".length());
      if (path.isBlank()) {
        throw new IllegalArgumentException("invalid --storage \"" + value + "\": sqlite needs a file path, " + USAGE);
      }
      return new Sqlite(Path.of(path));
    }
    if (value.startsWith("etcd:")) {
      String list = value.substring("etcd:".length());
      List<EtcdEndpoint> endpoints = new ArrayList<>();
      for (String url : list.split(",", -1)) {
        endpoints.add(endpoint(value, url.trim()));
      }
      return new Etcd(List.copyOf(endpoints));
    }
    throw new IllegalArgumentException("invalid --storage \"" + value + "\": " + USAGE);
  }

  private static EtcdEndpoint endpoint(String flag, String url) {
    if (url.isEmpty()) {
      throw new IllegalArgumentException("invalid --storage \"" + flag + "\": an empty etcd endpoint, " + USAGE);
    }
    if (url.startsWith("https://")) {
      throw new IllegalArgumentException("invalid etcd endpoint \"" + url + "\": TLS to etcd is not supported, use http://");
    }
    if (!url.startsWith("http://")) {
      throw new IllegalArgumentException("invalid etcd endpoint \"" + url + "\": want http://<host>:<port>");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid etcd endpoint \"" + url + "\": " + e.getReason());
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("invalid etcd endpoint \"" + url + "\": want http://<host>:<port>");
    }
    if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || uri.getRawQuery() != null || uri.getUserInfo() != null) {
      throw new IllegalArgumentException("invalid etcd endpoint \"" + url + "\": want http://<host>:<port> only");
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
    return new EtcdEndpoint(host, uri.getPort() < 0 ? ETCD_DEFAULT_PORT : uri.getPort());
  }
}
