package io.svclab.node.kubelet;

import com.sun.net.httpserver.HttpExchange;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.Pod;
import io.svclab.client.streams.ExecFrames;
import io.svclab.node.env.ContainerEnvironment;
import io.svclab.node.images.ImageRef;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.shell.ShellInterpreter;
import io.svclab.node.shell.ShellIo;
import io.svclab.node.toolbox.ImageTools;
import java.io.InputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /exec/{ns}/{pod}/{container}?command=A&command=B}: runs the command in the container's
 * context (its root, hostname, pod IP and environment) through the built-in shell, as exec probes do,
 * and streams its output as {@link ExecFrames} ending with the exit code. No stdin and no TTY.
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

  public ExecHandler(Path dataDir, BiFunction<String, String, Optional<Pod>> pods, Environment environment,
      Clock clock) {
    this.dataDir = dataDir;
    this.pods = pods;
    this.environment = environment;
    this.clock = clock;
  }

  void handle(HttpExchange x) throws IOException {
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
      List<String> argv = new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters()
          .getOrDefault("command", List.of());
      if (argv.isEmpty()) {
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
      boolean running = pod.getStatus().getContainerStatusesList().stream()
          .anyMatch(s -> s.getName().equals(containerName) && s.getState().hasRunning());
      if (container.isEmpty() || !running) {
        KubeletServer.plain(x, 400, "container " + containerName + " is not valid for pod " + podName);
        return;
      }
      Map<String, String> env;
      try {
        env = environment.of(pod, container.get());
      } catch (ContainerEnvironment.EnvError e) {
        KubeletServer.plain(x, 500, e.getMessage());
        return;
      }
      log.info("exec {}/{} -c {}: {}", ns, podName, containerName, argv);
      Path rootfs = dataDir.resolve("pods").resolve(ns + "_" + podName + "_" + pod.getMetadata().getUid())
          .resolve(containerName).resolve("rootfs");
      x.getResponseHeaders().set("Content-Type", "application/vnd.svclab.exec-frames");
      x.sendResponseHeaders(200, 0);
      OutputStream out = x.getResponseBody();
      ShellContext sc = new ShellContext(env, ContainerEnvironment.hostname(pod), pod.getStatus().getPodIp(), rootfs,
          line -> send(out, ExecFrames.STDOUT, line + "\n"), clock, a -> false,
          ImageTools.of(ImageRef.parse(container.get().getImage()).path()));
      int code;
      try {
        code = ShellInterpreter.exec(argv, sc, new ShellIo(InputStream.nullInputStream(),
            new FrameStream(out, ExecFrames.STDOUT), new FrameStream(out, ExecFrames.STDERR)));
      } catch (UncheckedIOException e) {
        log.debug("exec client went away: {}", e.toString());
        return;
      }
      send(out, ExecFrames.ERROR, Integer.toString(code));
      out.flush();
    }
  }

  /** One channel of the frame stream: each write becomes one frame; a failed write (client gone) marks the stream in error. */
  private static final class FrameStream extends OutputStream {
    private final OutputStream out;
    private final int channel;

    FrameStream(OutputStream out, int channel) {
      this.out = out;
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) return;
      synchronized (out) {
        out.write(ExecFrames.encode(channel, java.util.Arrays.copyOfRange(b, off, off + len)));
        out.flush();
      }
    }
  }

  private static void send(OutputStream out, int channel, String text) {
    try {
      out.write(ExecFrames.encode(channel, text.getBytes(StandardCharsets.UTF_8)));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
