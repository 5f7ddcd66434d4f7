package io.svclab.node.kubelet;

import com.sun.net.httpserver.HttpExchange;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.Pod;
import io.svclab.client.streams.ExecFrames;
import io.svclab.node.env.ContainerEnvironment;
import io.svclab.node.images.ImageRef;
import io.svclab.node.images.ShellPrompts;
import io.svclab.node.network.PodNetwork;
import io.svclab.node.sandbox.SandboxCommand;
import io.svclab.node.sandbox.SandboxSession;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.terminal.AttachPoints;
import io.svclab.node.terminal.TerminalSession;
import io.svclab.node.terminal.WindowSize;
import io.svclab.node.toolbox.ImageTools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /exec/{ns}/{pod}/{container}?command=A&command=B[&stdin=1][&tty=1]}: runs the command
 * in the container's context (its root, hostname, pod IP and environment) through the built-in
 * shell ({@link TerminalSession}: an interactive shell when stdin is open), or, when the pod has a
 * network namespace of its own ({@code --pod-network netns}), as the host's real program in the
 * pod's namespaces ({@link SandboxSession}), and streams its output
 * as {@link ExecFrames} ending with the exit code. {@code POST /attach/...} runs the program a
 * {@code stdin: true} container waits with ({@link AttachPoints}). Both read the client's stdin
 * frames from the request body while they write the answer.
 */
public final class ExecHandler {
  private static final Logger log = LoggerFactory.getLogger(ExecHandler.class);

  /** The container's environment as its program sees it (Service variables included). */
  public interface Environment {
    Map<String, String> of(Pod pod, Container container) throws ContainerEnvironment.EnvError;
  }

  private final Path dataDir;
  private final BiFunction<String, String, Optional<Pod>> pods;
  private final Environment environment;
  private final Clock clock;
  private final AttachPoints attachPoints;
  private final PodNetwork network;

  /** @param network where pods live: in network namespaces, commands are the host's programs run in the pod's */
  public ExecHandler(Path dataDir, BiFunction<String, String, Optional<Pod>> pods, Environment environment,
      Clock clock, AttachPoints attachPoints, PodNetwork network) {
    this.network = network;
    this.dataDir = dataDir;
    this.pods = pods;
    this.environment = environment;
    this.clock = clock;
    this.attachPoints = attachPoints;
  }

  void handle(HttpExchange x) throws IOException {
    serve(x, "exec");
  }

  void attach(HttpExchange x) throws IOException {
    serve(x, "attach");
  }

  private void serve(HttpExchange x, String verb) throws IOException {
    try (x) {
      String[] p = x.getRequestURI().getPath().split("/");
      if (!x.getRequestMethod().equals("POST") || p.length != 5) {
        KubeletServer.plain(x, 404, "404 page not found");
        return;
      }
      String ns = p[2];
      String podName = p[3];
      String containerName = p[4];
      String rawQuery = x.getRequestURI().getRawQuery();
      Map<String, List<String>> query = new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters();
      List<String> argv = query.getOrDefault("command", List.of());
      boolean stdin = flag(query, "stdin");
      boolean tty = flag(query, "tty");
      if (verb.equals("exec") && argv.isEmpty()) {
        KubeletServer.plain(x, 400, "you must specify at least 1 command");
        return;
      }
      Optional<Pod> found = pods.apply(ns, podName);
      if (found.isEmpty()) {
        KubeletServer.plain(x, 404, "pods \"" + podName + "\" not found");
        return;
      }
      Pod pod = found.get();
      Optional<Container> container = pod.getSpec().getContainersList().stream()
          .filter(c -> c.getName().equals(containerName)).findFirst();
      // a program waiting for its attach proves the container runs: this node's pod cache may not
      // have seen its own Running status yet when kubectl, watching the apiserver, already has
      Optional<AttachPoints.Waiting> waiting = verb.equals("attach") && container.isPresent()
          ? attachPoints.take(AttachPoints.key(ns, podName, containerName)) : Optional.empty();
      boolean running = waiting.isPresent() || pod.getStatus().getContainerStatusesList().stream()
          .anyMatch(s -> s.getName().equals(containerName) && s.getState().hasRunning());
      if (container.isEmpty() || !running) {
        KubeletServer.plain(x, 400, "container " + containerName + " is not valid for pod " + podName);
        return;
      }
      TerminalSession.Streams io = streams(x, stdin);
      if (verb.equals("attach")) {
        if (waiting.isEmpty()) {
          KubeletServer.plain(x, 400, "svclab: container " + containerName + " of pod " + podName
              + " has no program waiting for stdin (only containers started with stdin: true whose program "
              + "is not a server or sleep can be attached, once)");
          return;
        }
        log.info("attach {}/{} -c {}", ns, podName, containerName);
        startFrames(x);
        finish(x, () -> waiting.get().attach(io, tty));
        return;
      }
      Map<String, String> env;
      try {
        env = environment.of(pod, container.get());
      } catch (ContainerEnvironment.EnvError e) {
        KubeletServer.plain(x, 500, e.getMessage());
        return;
      }
      log.info("exec {}/{} -c {}: {}{}", ns, podName, containerName, argv, stdin ? (tty ? " (stdin, tty)" : " (stdin)") : "");
      Path rootfs = dataDir.resolve("pods").resolve(ns + "_" + podName + "_" + pod.getMetadata().getUid())
          .resolve(containerName).resolve("rootfs");
      String hostname = ContainerEnvironment.hostname(pod);
      ShellPrompts.Profile profile = ShellPrompts.of(ImageRef.parse(container.get().getImage()));
      Optional<Path> netns = network.namespaceFile(pod.getStatus().getPodIp());
      if (netns.isPresent()) {
        SandboxCommand command = new SandboxCommand(netns.get(), rootfs, hostname, profile.workdir(), argv);
        startFrames(x);
        finish(x, () -> SandboxSession.run(command, env, stdin, tty, io));
        return;
      }
      TerminalSession.Request request = new TerminalSession.Request(argv, stdin, tty,
          out -> new ShellContext(env, hostname, pod.getStatus().getPodIp(), rootfs, out, clock, a -> false,
              ImageTools.of(ImageRef.parse(container.get().getImage()).path())),
          profile.workdir(), (shell, cwd) -> profile.prompt(shell, hostname, cwd));
      startFrames(x);
      finish(x, () -> TerminalSession.run(request, io));
    }
  }

  private interface Session {
    int run() throws IOException;
  }

  private static void startFrames(HttpExchange x) throws IOException {
    x.getResponseHeaders().set("Content-Type", "application/vnd.svclab.exec-frames");
    x.sendResponseHeaders(200, 0);
  }

  /** Runs the session and ends the answer with its exit code; a client gone away just ends it. */
  private static void finish(HttpExchange x, Session session) {
    OutputStream out = x.getResponseBody();
    try {
      int code = session.run();
      out.write(ExecFrames.encode(ExecFrames.ERROR, Integer.toString(code).getBytes(StandardCharsets.US_ASCII)));
      out.flush();
    } catch (IOException | UncheckedIOException e) {
      log.debug("exec client went away: {}", e.toString());
    } catch (RuntimeException e) {
      log.warn("exec session failed", e);
    }
  }

  /**
   * The request body carries the client's frames ({@link ExecFrames}: 0 stdin, 4 resize (the last
   * size kept for the session), 255 close); the answer body the program's. Stdin ends at a close of channel 0 (kubectl's
   * v5.channel.k8s.io signal) or when the apiserver hangs up.
   */
  private static TerminalSession.Streams streams(HttpExchange x, boolean stdin) {
    InputStream in = x.getRequestBody();
    OutputStream out = x.getResponseBody();
    return new TerminalSession.Streams() {
      private boolean closed = !stdin;
      private volatile WindowSize size;
      private volatile Consumer<WindowSize> resized = w -> { };

      @Override
      public byte[] read() throws IOException {
        while (!closed) {
          ExecFrames.Frame f = ExecFrames.read(in);
          if (f == null || f.channel() == ExecFrames.CLOSE && f.payload().length > 0
              && f.payload()[0] == ExecFrames.STDIN) {
            closed = true;
          } else if (f.channel() == ExecFrames.STDIN && f.payload().length > 0) {
            return f.payload();
          } else if (f.channel() == ExecFrames.RESIZE) {
            // only the last size matters: a flood of resizes costs a parse each, nothing kept
            WindowSize.parse(new String(f.payload(), StandardCharsets.UTF_8)).ifPresent(w -> {
              size = w;
              resized.accept(w);
            });
          }
        }
        return null;
      }

      @Override
      public Optional<WindowSize> windowSize() {
        return Optional.ofNullable(size);
      }

      @Override
      public void onResize(Consumer<WindowSize> listener) {
        resized = listener;
      }

      @Override
      public void write(int channel, byte[] bytes) throws IOException {
        synchronized (out) {
          out.write(ExecFrames.encode(channel, bytes));
          out.flush();
        }
      }
    };
  }

  private static boolean flag(Map<String, List<String>> query, String name) {
    List<String> v = query.get(name);
    return v != null && !v.isEmpty() && (v.get(0).equals("1") || v.get(0).equalsIgnoreCase("true"));
  }
}
