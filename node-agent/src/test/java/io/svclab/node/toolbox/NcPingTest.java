package io.svclab.node.toolbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nc -z and ping against a listening and a closed local port, from the pod's address. */
class NcPingTest {
  @TempDir Path root;
  ServerSocket open;
  int closed;

  record Result(String out, String err, int code) {}

  @BeforeEach
  void ports() throws Exception {
    open = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.0.1\tweb\n");
  }

  @AfterEach
  void close() throws Exception {
    open.close();
  }

  Result run(Tool tool, Map<String, String> env, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ToolCall c = new ToolCall("t", List.of(args), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env,
        new ToolCall.Pod("debug", "127.0.0.1", root, Clock.systemUTC()), p -> root.resolve(p.substring(1)));
    int code = tool.run(c);
    return new Result(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), code);
  }

  @Test
  void ncZvOpenAndRefused() throws Exception {
    int port = open.getLocalPort();
    assertThat(run(new Nc(Nc.Flavour.BUSYBOX), Map.of(), "-zv", "web", Integer.toString(port)))
        .isEqualTo(new Result("", "web (127.0.0.1:" + port + ") open\n", 0));
    assertThat(run(new Nc(Nc.Flavour.BUSYBOX), Map.of(), "-zv", "web", Integer.toString(closed)))
        .isEqualTo(new Result("", "", 1));
    assertThat(run(new Nc(Nc.Flavour.OPENBSD), Map.of(), "-z", "-v", "web", Integer.toString(closed)))
        .isEqualTo(new Result("", "nc: connect to web (127.0.0.1) port " + closed + " (tcp) failed: Connection refused\n", 1));
    assertThat(run(new Nc(Nc.Flavour.BUSYBOX), Map.of(), "-zv", "nosuch.invalid.", "80"))
        .isEqualTo(new Result("", "nc: bad address 'nosuch.invalid.'\n", 1));
  }

  @Test
  void pingTestsTheServicePortOverTcp() throws Exception {
    int port = open.getLocalPort();
    Map<String, String> env = Map.of("WEB_SERVICE_HOST", "127.0.0.1", "WEB_PORT_" + port + "_TCP_PORT", Integer.toString(port));
    Result up = run(new Ping(false), env, "-c", "2", "-i", "0.2", "web");
    assertThat(up.code()).as(up.toString()).isZero();
    assertThat(up.out()).startsWith(Ping.note("web", "127.0.0.1", List.of(port)) + "\n")
        .contains(": seq=0 open", ": seq=1 open").endsWith("2 TCP connects, 2 succeeded, 0% failed\n");

    Map<String, String> closedEnv = Map.of("WEB_SERVICE_HOST", "127.0.0.1", "WEB_PORT_1_TCP_PORT", Integer.toString(closed));
    Result down = run(new Ping(false), closedEnv, "-c", "1", "web");
    assertThat(down.code()).isEqualTo(1);
    assertThat(down.out()).contains("port " + closed + ": Connection refused: seq=0", "1 TCP connects, 0 succeeded, 100% failed");

    assertThat(run(new Ping(false), Map.of(), "-c", "1", "nosuch.invalid.")).isEqualTo(new Result("", "ping: bad address 'nosuch.invalid.'\n", 1));
  }
}
