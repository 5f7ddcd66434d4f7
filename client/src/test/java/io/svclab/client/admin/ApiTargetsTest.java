package io.svclab.client.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiTargetsTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("one address", "127.0.0.1:6443", List.of(new ApiTarget.Tcp("127.0.0.1", 6443)), "127.0.0.1:6443"),
        Arguments.of("two apiservers", "127.0.0.1:6443,127.0.0.1:6453",
            List.of(new ApiTarget.Tcp("127.0.0.1", 6443), new ApiTarget.Tcp("127.0.0.1", 6453)), "127.0.0.1:6443,127.0.0.1:6453"),
        Arguments.of("spaces around entries", " 127.0.0.1:6443 , 127.0.0.1:6453 ",
            List.of(new ApiTarget.Tcp("127.0.0.1", 6443), new ApiTarget.Tcp("127.0.0.1", 6453)), "127.0.0.1:6443,127.0.0.1:6453"),
        Arguments.of("etcd endpoints with http://", "http://127.0.0.1:2379,http://127.0.0.1:2389,http://127.0.0.1:2399",
            List.of(new ApiTarget.Tcp("127.0.0.1", 2379), new ApiTarget.Tcp("127.0.0.1", 2389), new ApiTarget.Tcp("127.0.0.1", 2399)),
            "127.0.0.1:2379,127.0.0.1:2389,127.0.0.1:2399"),
        Arguments.of("http:// with a trailing slash", "http://127.0.0.1:2379/", List.of(new ApiTarget.Tcp("127.0.0.1", 2379)),
            "127.0.0.1:2379"),
        Arguments.of("a host name (the container lab)", "apiserver:6443", List.of(new ApiTarget.Tcp("apiserver", 6443)), "apiserver:6443"),
        Arguments.of("IPv6 in brackets", "[::1]:6443,127.0.0.1:6453",
            List.of(new ApiTarget.Tcp("::1", 6443), new ApiTarget.Tcp("127.0.0.1", 6453)), "[::1]:6443,127.0.0.1:6453"),
        Arguments.of("a Unix socket", "unix:/tmp/lab/apiserver.sock", List.of(new ApiTarget.Unix("unix:/tmp/lab/apiserver.sock")),
            "unix:/tmp/lab/apiserver.sock"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parses(String name, String text, List<ApiTarget> expected, String canonical) {
    ApiTargets parsed = ApiTargets.parse(text);
    assertThat(parsed.targets()).isEqualTo(expected);
    assertThat(parsed.toString()).isEqualTo(canonical);
    assertThat(ApiTargets.parse(canonical)).isEqualTo(parsed);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("nothing", "", "no API address given"),
        Arguments.of("no port", "127.0.0.1", "address 127.0.0.1: missing port in address"),
        Arguments.of("no port after http://", "http://127.0.0.1", "address 127.0.0.1: missing port in address"),
        Arguments.of("IPv6 without brackets", "::1:6443", "address ::1:6443: too many colons in address"),
        Arguments.of("unclosed bracket", "[::1:6443", "address [::1:6443: missing ']' in address"),
        Arguments.of("port not a number", "127.0.0.1:api", "address 127.0.0.1:api: invalid port"),
        Arguments.of("port out of range", "127.0.0.1:70000", "address 127.0.0.1:70000: invalid port"),
        Arguments.of("port zero", "127.0.0.1:0", "address 127.0.0.1:0: invalid port"),
        Arguments.of("no host", ":6443", "address :6443: missing host in address"),
        Arguments.of("empty entry", "127.0.0.1:6443,,127.0.0.1:6453", "empty address in list \"127.0.0.1:6443,,127.0.0.1:6453\""),
        Arguments.of("trailing comma", "127.0.0.1:6443,", "empty address in list \"127.0.0.1:6443,\""),
        Arguments.of("https (no TLS here)", "https://127.0.0.1:2379", "address https://127.0.0.1:2379: unsupported scheme (plaintext http:// only)"),
        Arguments.of("a path", "http://127.0.0.1:2379/v3", "address http://127.0.0.1:2379/v3: a path is not allowed"),
        Arguments.of("socket path missing", "unix:", "address unix:: missing socket path"),
        Arguments.of("socket in a list", "unix:/tmp/a.sock,127.0.0.1:6443",
            "a unix: socket cannot be listed with other addresses: \"unix:/tmp/a.sock,127.0.0.1:6443\""),
        Arguments.of("the same address twice", "127.0.0.1:6443,http://127.0.0.1:6443",
            "duplicate address in list \"127.0.0.1:6443,http://127.0.0.1:6443\""));
  }

  @ParameterizedTest(name = "rejects {0}")
  @MethodSource("invalid")
  void rejectsNamingTheEntry(String name, String text, String message) {
    assertThatThrownBy(() -> ApiTargets.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
