package io.svclab.node.toolbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** curl against a local server from the pod's address, names from the pod's /etc/hosts. */
class CurlTest {
  static HttpServer server;
  static int port;
  static final AtomicReference<String> lastClient = new AtomicReference<>();
  @TempDir Path root;

  @BeforeAll
  static void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      lastClient.set(x.getRemoteAddress().getAddress().getHostAddress());
      byte[] body = ("<h1>Backend Pod: b-1</h1> " + x.getRequestMethod() + " " + x.getRequestURI() + " "
          + x.getRequestHeaders().getFirst("X-Test")).getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().set("Server", "test");
      int status = x.getRequestURI().getPath().equals("/missing") ? 404 : 200;
      x.sendResponseHeaders(status, x.getRequestMethod().equals("HEAD") ? -1 : body.length);
      if (!x.getRequestMethod().equals("HEAD")) x.getResponseBody().write(body);
      x.close();
    });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  record Result(String out, String err, int code) {}

  Result curl(String... args) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.0.1\tweb\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ToolCall c = new ToolCall("curl", List.of(args), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
        new ToolCall.Pod("debug", "127.0.0.1", root, Clock.systemUTC()), p -> root.resolve(p.substring(1)));
    int code = new Curl().run(c);
    return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8).replaceAll("after \\d+ ms", "after N ms"), code);
  }

  static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Test
  void getsABodyThroughAHostsFileName() throws Exception {
    Result r = curl("-s", "web:" + port + "/x?y=1");
    assertThat(r).isEqualTo(new Result("<h1>Backend Pod: b-1</h1> GET /x?y=1 null", "", 0));
    assertThat(lastClient.get()).isEqualTo("127.0.0.1");
  }

  @Test
  void writesTheStatusCode() throws Exception {
    assertThat(curl("-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:" + port + "/missing"))
        .isEqualTo(new Result("404", "", 0));
  }

  @Test
  void headShowsTheStatusLineAndHeaders() throws Exception {
    Result r = curl("-sI", "http://127.0.0.1:" + port + "/");
    assertThat(r.out()).startsWith("HTTP/1.1 200 OK\r\n").contains("Server: test\r\n").endsWith("\r\n\r\n");
  }

  @Test
  void sendsMethodHeadersAndData() throws Exception {
    assertThat(curl("-s", "-X", "PUT", "-H", "X-Test: yes", "-d", "a=1", "http://127.0.0.1:" + port + "/p").out())
        .isEqualTo("<h1>Backend Pod: b-1</h1> PUT /p yes");
  }

  @Test
  void verboseTracesTheExchangeOnStderr() throws Exception {
    Result r = curl("-v", "http://127.0.0.1:" + port + "/");
    assertThat(r.err()).contains("*   Trying 127.0.0.1:" + port + "...\n", "* Connected to 127.0.0.1 (127.0.0.1) port " + port + "\n",
        "> GET / HTTP/1.1\n", "> Host: 127.0.0.1:" + port + "\n", "> User-Agent: curl/" + Curl.VERSION + "\n",
        "< HTTP/1.1 200 OK\r\n");
  }

  static Stream<Arguments> failures() throws Exception {
    int closed = closedPort();
    return Stream.of(
        Arguments.of("refused", List.of("http://127.0.0.1:" + closed + "/"),
            new Result("", "curl: (7) Failed to connect to 127.0.0.1 port " + closed + " after N ms: Couldn't connect to server\n", 7)),
        Arguments.of("refused and silent", List.of("-s", "127.0.0.1:" + closed), new Result("", "", 7)),
        Arguments.of("refused, silent, show error", List.of("-sS", "127.0.0.1:" + closed),
            new Result("", "curl: (7) Failed to connect to 127.0.0.1 port " + closed + " after N ms: Couldn't connect to server\n", 7)),
        Arguments.of("-w after a failure", List.of("-s", "-w", "%{http_code}", "127.0.0.1:" + closed), new Result("000", "", 7)),
        Arguments.of("unknown option", List.of("--frob", "x"),
            new Result("", "curl: option --frob: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n", 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void failsAsCurlDoes(String name, List<String> args, Result expected) throws Exception {
    assertThat(curl(args.toArray(String[]::new))).isEqualTo(expected);
  }

  Result wget(String... args) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.0.1\tweb\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ToolCall c = new ToolCall("wget", List.of(args), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(),
        new ToolCall.Pod("debug", "127.0.0.1", root, Clock.systemUTC()), p -> root.resolve(p.startsWith("/") ? p.substring(1) : p));
    int code = new Wget().run(c);
    return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
  }

  @Test
  void wgetQuietToStdout() throws Exception {
    assertThat(wget("-qO-", "http://web:" + port + "/w")).isEqualTo(new Result("<h1>Backend Pod: b-1</h1> GET /w null", "", 0));
  }

  @Test
  void wgetSaysWhereItConnectsAndFailsOnErrors() throws Exception {
    assertThat(wget("-O-", "http://web:" + port + "/w").err())
        .isEqualTo("Connecting to web (127.0.0.1:" + port + ")\nwriting to stdout\nwritten to stdout\n");
    assertThat(wget("-q", "-O-", "http://127.0.0.1:" + port + "/missing"))
        .isEqualTo(new Result("", "wget: server returned error: HTTP/1.1 404 Not Found\n", 1));
    int closed = closedPort();
    assertThat(wget("-qO-", "http://127.0.0.1:" + closed + "/"))
        .isEqualTo(new Result("", "wget: can't connect to remote host (127.0.0.1): Connection refused\n", 1));
  }
}
