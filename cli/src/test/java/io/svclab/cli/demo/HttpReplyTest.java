package io.svclab.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpReplyTest {
  static Stream<Arguments> replies() {
    return Stream.of(
        Arguments.of("nginx page", "HTTP/1.1 200 OK\r\nServer: nginx/1.25.5\r\nContent-Length: 5\r\n\r\nhello", 200, "hello", true),
        Arguments.of("body cut at Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhello", 200, "he", true),
        Arguments.of("no length: until close", "HTTP/1.0 404 Not Found\r\n\r\nmissing", 404, "missing", false),
        Arguments.of("redirect counts as answered, as curl -s shows it", "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", 301, "", true),
        Arguments.of("not HTTP", "SSH-2.0-OpenSSH\r\n", 0, "", false),
        Arguments.of("headers never end", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n", 0, "", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("replies")
  void parses(String caseName, String raw, int status, String body, boolean ok) {
    HttpReply r = HttpReply.parse(raw);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.ok()).isEqualTo(ok);
    assertThat(r.curlError().isEmpty()).isEqualTo(status != 0);
  }
}
