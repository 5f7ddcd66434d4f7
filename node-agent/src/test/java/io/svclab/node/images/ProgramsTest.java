package io.svclab.node.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProgramsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nginx image default", BuiltinImage.NGINX, List.of(), List.of(),
            new Program.Serve(Program.ServerKind.NGINX, 80, -1, Map.of())),
        Arguments.of("nginx without daemon off exits", BuiltinImage.NGINX, List.of("nginx"), List.of(),
            new Program.Exit(0, List.of())),
        Arguments.of("agnhost netexec with ports", BuiltinImage.AGNHOST, List.of(),
            List.of("netexec", "--http-port=8080", "--udp-port=8081"),
            new Program.Serve(Program.ServerKind.NETEXEC, 8080, 8081, Map.of())),
        Arguments.of("agnhost default is pause", BuiltinImage.AGNHOST, List.of(), List.of(), new Program.Idle(null)),
        Arguments.of("http-echo text and listen", BuiltinImage.HTTP_ECHO, List.of(), List.of("-text=hello", "-listen=:8080"),
            new Program.Serve(Program.ServerKind.HTTP_ECHO, 8080, -1, Map.of("text", "hello"))),
        Arguments.of("curl pod sleeping", BuiltinImage.TOOLBOX, List.of("sleep", "infinity"), List.of(), new Program.Idle(null)),
        Arguments.of("busybox default idles", BuiltinImage.TOOLBOX, List.of(), List.of(), new Program.Idle(null)),
        Arguments.of("tail -f /dev/null idles", BuiltinImage.TOOLBOX, List.of("tail", "-f", "/dev/null"), List.of(),
            new Program.Idle(null)),
        Arguments.of("sh -c script", BuiltinImage.NGINX, List.of("/bin/sh"), List.of("-c", "echo hi"),
            new Program.Shell("echo hi", List.of("sh"))),
        Arguments.of("serve_hostname default port", BuiltinImage.SERVE_HOSTNAME, List.of(), List.of(),
            new Program.Serve(Program.ServerKind.SERVE_HOSTNAME, 9376, -1, Map.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(String name, BuiltinImage image, List<String> command, List<String> args, Program expected) {
    assertThat(Programs.resolve(image, Programs.argv(image, command, args), Map.of())).isEqualTo(expected);
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of("curl in a tool image", BuiltinImage.TOOLBOX, List.of("curl", "http://x")),
        Arguments.of("unknown agnhost subcommand", BuiltinImage.AGNHOST, List.of("/agnhost", "porter")),
        Arguments.of("http-echo without -text", BuiltinImage.HTTP_ECHO, List.of("/http-echo")),
        Arguments.of("nginx binary in busybox", BuiltinImage.TOOLBOX, List.of("nginx", "-g", "daemon off;")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void saysWhatItCannotRun(String name, BuiltinImage image, List<String> argv) {
    assertThat(Programs.resolve(image, argv, Map.of())).isInstanceOf(Program.Unsupported.class);
  }
}
