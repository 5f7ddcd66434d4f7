package io.svclab.node.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellPromptsTest {
  static Stream<Arguments> prompts() {
    return Stream.of(
        Arguments.of("busybox sh as root in /", "busybox:1.36", "sh", "tmp", "/", "/ # "),
        Arguments.of("busybox after cd /tmp", "busybox", "sh", "tmp", "/tmp", "/tmp # "),
        Arguments.of("alpine is busybox ash", "alpine:3.20", "sh", "tmp", "/", "/ # "),
        Arguments.of("curlimages/curl runs as curl_user in its home", "curlimages/curl", "sh", "tmp",
            "/home/curl_user", "~ $ "),
        Arguments.of("curl_user below its home", "docker.io/curlimages/curl:8.5.0", "sh", "tmp", "/home/curl_user/x",
            "~/x $ "),
        Arguments.of("netshoot bash: alpine's bashrc PS1 \\h:\\w\\$", "nicolaka/netshoot", "bash", "debug", "/root",
            "debug:~# "),
        Arguments.of("netshoot bash outside home", "nicolaka/netshoot:latest", "bash", "debug", "/tmp", "debug:/tmp# "),
        Arguments.of("netshoot sh is busybox ash", "nicolaka/netshoot", "sh", "debug", "/root", "~ # "),
        Arguments.of("a shell the table has no entry for uses sh's", "busybox", "bash", "tmp", "/", "/ # "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prompts")
  void promptsAsTheRealImages(String name, String image, String shell, String hostname, String cwd, String prompt) {
    assertThat(ShellPrompts.of(ImageRef.parse(image)).prompt(shell, hostname, cwd)).isEqualTo(prompt);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workdirs")
  void startsInTheImagesWorkdir(String image, String workdir) {
    assertThat(ShellPrompts.of(ImageRef.parse(image)).workdir()).isEqualTo(workdir);
  }

  static Stream<Arguments> workdirs() {
    return Stream.of(Arguments.of("busybox", "/"), Arguments.of("curlimages/curl", "/home/curl_user"),
        Arguments.of("nicolaka/netshoot", "/root"));
  }
}
