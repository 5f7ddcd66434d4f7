package io.svclab.node.images;

import java.util.Locale;

/**
 * An image reference parsed as Docker does: {@code [registry/]path[:tag][@digest]}. A first
 * component with a dot or a colon, or {@code localhost}, is a registry; otherwise the image
 * is on Docker Hub, where a one-component path lives under {@code library/}.
 */
public record ImageRef(String original, String registry, String path, String tag, String digest) {
  public static final String DOCKER_HUB = "docker.io";

  public static ImageRef parse(String ref) {
    String rest = ref.trim();
    String digest = "";
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = "";
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > slash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int first = rest.indexOf('/');
    if (first > 0) {
      String head = rest.substring(0, first);
      if (head.contains(".") || head.contains(":") || head.equals("localhost")) {
        registry = head;
        rest = rest.substring(first + 1);
      }
    }
    String path = rest.toLowerCase(Locale.ROOT);
    if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
      path = "library/" + path;
    }
    if (tag.isEmpty() && digest.isEmpty()) {
      tag = "latest";
    }
    return new ImageRef(ref, registry, path, tag, digest);
  }

  /** The last path component: {@code nginx}, {@code agnhost}, {@code echo-server}. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** What a container runtime reports as the image: {@code docker.io/library/nginx:1.25}. */
  public String canonical() {
    return registry + "/" + path + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
  }

  /** {@code docker.io/library/nginx} */
  public String repository() {
    return registry + "/" + path;
  }
}
