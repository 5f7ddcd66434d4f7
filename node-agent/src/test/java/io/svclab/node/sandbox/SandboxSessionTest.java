package io.svclab.node.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.client.streams.ExecFrames;
import io.svclab.net.netns.NamespaceThreads;
import io.svclab.net.testing.NetNamespace;
import io.svclab.node.terminal.TerminalSession;
import io.svclab.node.terminal.WindowSize;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's real programs in a pod's namespaces. Needs root (CI runs as root): where namespaces
 * cannot be made, it fails with the reason.
 */
class SandboxSessionTest {
  private static final byte[] END = new byte[0];

  /** A client: what it types, in order (END: it closes stdin), and what it was sent per channel. */
  static final class Client implements TerminalSession.Streams {
    final BlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    volatile WindowSize size;
    volatile Consumer<WindowSize> resized = w -> { };

    void type(String s) {
      typed.add(s.getBytes(StandardCharsets.UTF_8));
    }

    void resize(int columns, int lines) {
      size = new WindowSize(columns, lines);
      resized.accept(size);
    }

    @Override
    public byte[] read() throws java.io.IOException {
      try {
        byte[] b = typed.take();
        return b == END ? null : b;
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
    }

    @Override
    public synchronized void write(int channel, byte[] bytes) {
      (channel == ExecFrames.STDOUT ? stdout : stderr).writeBytes(bytes);
    }

    synchronized String out() {
      return stdout.toString(StandardCharsets.UTF_8);
    }

    synchronized String err() {
      return stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public Optional<WindowSize> windowSize() {
      return Optional.ofNullable(size);
    }

    @Override
    public void onResize(Consumer<WindowSize> listener) {
      resized = listener;
    }
  }

  private static SandboxCommand pod(NetNamespace ns, Path root, List<String> argv) throws Exception {
    ns.execOrFail(null, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
    ns.execOrFail(null, "ip", "addr", "add", "10.244.9.5/24", "dev", "eth0");
    ns.execOrFail(null, "ip", "link", "set", "eth0", "up");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/resolv.conf"), "search default.svc.cluster.local\nnameserver 10.96.0.10\n");
    Files.writeString(root.resolve("etc/hosts"), "10.244.9.5\tdebug\n");
    Files.writeString(root.resolve("etc/hostname"), "debug\n");
    return new SandboxCommand(NamespaceThreads.file(ns.name), root, "debug", "/tmp", argv);
  }

  @Test
  void aCommandWithoutTerminalSeesThePodsFilesNameAndAddressAndKeepsItsStreamsApart(@TempDir Path root)
      throws Exception {
    String hostResolv = Files.readString(Path.of("/etc/resolv.conf"));
    try (NetNamespace ns = NetNamespace.create("svclabt-sandbox")) {
      SandboxCommand cmd = pod(ns, root, List.of("sh", "-c",
          "cat /etc/resolv.conf /etc/hosts; hostname; ip -o -4 addr show eth0; pwd; echo \"$GREETING\" >&2; exit 7"));
      Client client = new Client();
      int code = SandboxSession.run(cmd, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "GREETING", "hi there"),
          false, false, client);
      assertThat(code).isEqualTo(7);
      assertThat(client.out()).contains("nameserver 10.96.0.10", "10.244.9.5\tdebug", "\ndebug\n",
          "inet 10.244.9.5/24", "\n/tmp\n");
      assertThat(client.err()).isEqualTo("hi there\n");
    }
    assertThat(Files.readString(Path.of("/etc/resolv.conf"))).isEqualTo(hostResolv);
  }

  @Test
  void stdinReachesTheProgramAndItsCloseEndsIt(@TempDir Path root) throws Exception {
    try (NetNamespace ns = NetNamespace.create("svclabt-sandbox")) {
      Client client = new Client();
      client.type("hello\n");
      client.type("world\n");
      client.typed.add(END);
      int code = SandboxSession.run(pod(ns, root, List.of("cat")), Map.of("PATH", "/usr/bin:/bin"), true, false, client);
      assertThat(code).isZero();
      assertThat(client.out()).isEqualTo("hello\nworld\n");
    }
  }

  @Test
  void aTerminalSessionIsRealBashOnAPtyThatFollowsResizes(@TempDir Path root) throws Exception {
    try (NetNamespace ns = NetNamespace.create("svclabt-sandbox")) {
      Client client = new Client();
      client.resize(100, 30);
      SandboxCommand cmd = pod(ns, root, List.of("bash", "--norc", "--noprofile"));
      var session = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return SandboxSession.run(cmd, Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "PS1", "pod$ "), true, true,
              client);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      client.type("stty size; tty; echo $BASH_VERSION\r");
      await().atMost(Duration.ofSeconds(60)).until(() -> client.out().contains("30 100"));
      client.resize(120, 40);
      client.type("stty size\r");
      await().atMost(Duration.ofSeconds(60)).until(() -> client.out().contains("40 120"));
      client.type("exit 5\r");
      assertThat(session.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(5);
      assertThat(client.out()).contains("pod$ ", "/dev/pts/").containsPattern("\\d+\\.\\d+\\.\\d+");
    }
  }

  @Test
  void theClientLeavingHangsTheTerminalUp(@TempDir Path root) throws Exception {
    try (NetNamespace ns = NetNamespace.create("svclabt-sandbox")) {
      Client client = new Client();
      SandboxCommand cmd = pod(ns, root, List.of("bash", "--norc", "--noprofile", "-i"));
      var session = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return SandboxSession.run(cmd, Map.of("PATH", "/usr/bin:/bin", "PS1", "pod$ "), true, true, client);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> client.out().contains("pod$ "));
      client.typed.add(END);
      assertThat(session.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(128 + 1); // SIGHUP
    }
  }
}
