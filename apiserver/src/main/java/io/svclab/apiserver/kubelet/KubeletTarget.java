package io.svclab.apiserver.kubelet;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A request to a node's kubelet API: its URL ({@code http://<InternalIP>:<port>/...}, whose path
 * is sent and whose authority names the node in the Host header and in error messages) and, when
 * the Node publishes one ({@link KubeletLocation#SOCKET_ANNOTATION}), the Unix socket to dial
 * instead of the URL's address, as {@code curl --unix-socket PATH URL} does.
 */
public record KubeletTarget(URI url, Optional<Path> socket) {
  /** The same target with {@code query} as the URL's query. */
  public KubeletTarget withQuery(String query) {
    return new KubeletTarget(URI.create(url.toString().replaceFirst("\\?.*$", "") + "?" + query), socket);
  }

  /** Where it is dialled, for messages: the socket's path or the URL's host:port. */
  public String dialled() {
    return socket.map(Path::toString).orElse(url.getHost() + ":" + url.getPort());
  }
}
