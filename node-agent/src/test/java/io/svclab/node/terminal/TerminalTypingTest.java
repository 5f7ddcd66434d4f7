package io.svclab.node.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.client.streams.ExecFrames;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.toolbox.ImageTools;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TTY session on its own thread, typed into as a client types: ^C at the prompt, resize messages. */
class TerminalTypingTest {
  @TempDir Path root;

  /** A client that types when told; its stdout read as the terminal shows it. */
  static final class Client implements TerminalSession.Streams {
    final BlockingQueue<byte[]> typed = new LinkedBlockingQueue<>();
    final StringBuffer screen = new StringBuffer();
    volatile WindowSize size;

    void type(String s) {
      typed.add(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] read() throws java.io.IOException {
      try {
        byte[] b = typed.take();
        return b.length == 0 ? null : b;
      } catch (InterruptedException e) {
        throw new java.io.InterruptedIOException();
      }
    }

    @Override
    public void write(int channel, byte[] bytes) {
      assertThat(channel).isEqualTo(ExecFrames.STDOUT);
      screen.append(new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<WindowSize> windowSize() {
      return Optional.ofNullable(size);
    }
  }

  record Running(Client client, Thread thread, AtomicInteger exit) {}

  Running start(List<String> argv, String image) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n");
    Client client = new Client();
    boolean bash = argv.get(0).equals("bash");
    TerminalSession.Request r = new TerminalSession.Request(argv, true, true,
        out -> new ShellContext(Map.of("PATH", "/bin"), "pod", "127.0.0.1", root, out, Clock.systemUTC(), a -> false,
            ImageTools.of(image)),
        "/", (shell, cwd) -> bash ? "pod:" + cwd + "# " : cwd + " # ");
    AtomicInteger exit = new AtomicInteger(-1);
    Thread t = new Thread(() -> {
      try {
        exit.set(TerminalSession.run(r, client));
      } catch (Exception e) {
        exit.set(-2);
      }
    }, "session-under-test");
    t.start();
    return new Running(client, t, exit);
  }

  private static void awaitScreen(Client c, String text) {
    await().atMost(Duration.ofSeconds(30)).until(() -> c.screen.toString().contains(text));
  }

  @Test
  void ctrlCAtThePromptOnlyDiscardsTheLine() throws Exception {
    Running s = start(List.of("sh"), "busybox");
    awaitScreen(s.client(), "/ # ");
    s.client().type("echo never\u0003");
    awaitScreen(s.client(), "/ # echo never^C\r\n/ # ");
    s.client().type("exit 0\r");
    s.thread().join(30_000);
    assertThat(s.exit().get()).isZero();
    assertThat(s.client().screen.toString()).doesNotContain("never\r\n");
  }

  @Test
  void bashSeesTheWindowSize() throws Exception {
    Running s = start(List.of("bash"), "nicolaka/netshoot");
    s.client().size = new WindowSize(132, 43);
    awaitScreen(s.client(), "pod:/# ");
    s.client().type("echo $COLUMNS x $LINES\r");
    awaitScreen(s.client(), "132 x 43\r\n");
    s.client().size = new WindowSize(80, 24);
    s.client().type("echo $COLUMNS x $LINES\r");
    awaitScreen(s.client(), "80 x 24\r\n");
    s.client().type(""); // the client closes stdin
    s.thread().join(30_000);
    assertThat(s.exit().get()).isZero();
  }
}
