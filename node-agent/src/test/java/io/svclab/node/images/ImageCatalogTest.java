package io.svclab.node.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageCatalogTest {
  private final ImageCatalog catalog = new ImageCatalog();

  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of("nginx with a tag", "nginx:1.25", BuiltinImage.NGINX, "docker.io/library/nginx:1.25"),
        Arguments.of("nginx latest by default", "nginx", BuiltinImage.NGINX, "docker.io/library/nginx:latest"),
        Arguments.of("nginx from another registry", "mirror.gcr.io/library/nginx:1.14.2", BuiltinImage.NGINX,
            "mirror.gcr.io/library/nginx:1.14.2"),
        Arguments.of("agnhost from registry.k8s.io", "registry.k8s.io/e2e-test-images/agnhost:2.39", BuiltinImage.AGNHOST,
            "registry.k8s.io/e2e-test-images/agnhost:2.39"),
        Arguments.of("curl image", "curlimages/curl", BuiltinImage.TOOLBOX, "docker.io/curlimages/curl:latest"),
        Arguments.of("netshoot", "nicolaka/netshoot:latest", BuiltinImage.TOOLBOX, "docker.io/nicolaka/netshoot:latest"),
        Arguments.of("busybox", "busybox:1.36", BuiltinImage.TOOLBOX, "docker.io/library/busybox:1.36"),
        Arguments.of("ealen echo-server", "ealen/echo-server:0.9.2", BuiltinImage.EALEN_ECHO_SERVER,
            "docker.io/ealen/echo-server:0.9.2"),
        Arguments.of("hashicorp http-echo", "hashicorp/http-echo", BuiltinImage.HTTP_ECHO, "docker.io/hashicorp/http-echo:latest"),
        Arguments.of("old echoserver", "gcr.io/google_containers/echoserver:1.10", BuiltinImage.ECHOSERVER,
            "gcr.io/google_containers/echoserver:1.10"),
        Arguments.of("registry with a port", "localhost:5000/httpd:2.4", BuiltinImage.HTTPD, "localhost:5000/httpd:2.4"),
        Arguments.of("digest only", "nginx@sha256:abc", BuiltinImage.NGINX, "docker.io/library/nginx@sha256:abc"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void resolvesBuiltIns(String name, String image, BuiltinImage expected, String canonical) {
    var resolved = catalog.resolve(image);
    assertThat(resolved).isPresent();
    assertThat(resolved.get().builtin()).isEqualTo(expected);
    assertThat(resolved.get().image()).isEqualTo(canonical);
    assertThat(resolved.get().imageId()).startsWith(resolved.get().ref().repository() + "@sha256:");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unknown")
  void unknownImagesAreNotPulled(String name, String image) {
    assertThat(catalog.resolve(image)).isEmpty();
  }

  static Stream<Arguments> unknown() {
    return Stream.of(Arguments.of("made-up image", "nosuchimage:1.0"), Arguments.of("redis", "redis:7"),
        Arguments.of("empty", ""), Arguments.of("nginx as an org, not a repository", "nginx/unit:1.0"));
  }
}
