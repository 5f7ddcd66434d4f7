package io.svclab.node.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Maps image references to the built-in workloads, by repository name with any registry
 * and tag: {@code nginx:1.25}, {@code docker.io/library/nginx}, {@code registry.k8s.io/e2e-test-images/agnhost:2.39}.
 * Anything else is an image this node cannot "pull".
 */
public final class ImageCatalog {
  /** Whole repository paths (after the registry), checked first. */
  private static final Map<String, BuiltinImage> BY_PATH = Map.of(
      "ealen/echo-server", BuiltinImage.EALEN_ECHO_SERVER,
      "hashicorp/http-echo", BuiltinImage.HTTP_ECHO,
      "curlimages/curl", BuiltinImage.TOOLBOX,
      "nicolaka/netshoot", BuiltinImage.TOOLBOX);

  /** Last path components. */
  private static final Map<String, BuiltinImage> BY_NAME = Map.ofEntries(
      Map.entry("nginx", BuiltinImage.NGINX),
      Map.entry("httpd", BuiltinImage.HTTPD),
      Map.entry("agnhost", BuiltinImage.AGNHOST),
      Map.entry("serve-hostname", BuiltinImage.SERVE_HOSTNAME),
      Map.entry("serve_hostname", BuiltinImage.SERVE_HOSTNAME),
      Map.entry("echoserver", BuiltinImage.ECHOSERVER),
      Map.entry("http-echo", BuiltinImage.HTTP_ECHO),
      Map.entry("pause", BuiltinImage.PAUSE),
      Map.entry("busybox", BuiltinImage.TOOLBOX),
      Map.entry("alpine", BuiltinImage.TOOLBOX),
      Map.entry("curl", BuiltinImage.TOOLBOX),
      Map.entry("netshoot", BuiltinImage.TOOLBOX));

  /** A resolved image: what to run, and the names a runtime would report. */
  public record Resolved(ImageRef ref, BuiltinImage builtin) {
    /** {@code docker.io/library/nginx:1.25} */
    public String image() { return ref.canonical(); }

    /** A stable content-address-like id: {@code docker.io/library/nginx@sha256:...} (svclab's, not the registry's). */
    public String imageId() {
      return ref.repository() + "@sha256:" + sha256(ref.canonical());
    }

    /** The version a server reports (Server header): the tag when it looks like a version. */
    public String version(String fallback) {
      String tag = ref.tag();
      return tag.matches("\\d+(\\.\\d+)*") ? tag : tag.matches("\\d+(\\.\\d+)*-.*") ? tag.substring(0, tag.indexOf('-')) : fallback;
    }
  }

  public Optional<Resolved> resolve(String image) {
    if (image == null || image.isBlank()) {
      return Optional.empty();
    }
    ImageRef ref = ImageRef.parse(image);
    BuiltinImage b = BY_PATH.get(ref.path());
    if (b == null) {
      b = BY_NAME.get(ref.name());
    }
    return Optional.ofNullable(b).map(x -> new Resolved(ref, x));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
