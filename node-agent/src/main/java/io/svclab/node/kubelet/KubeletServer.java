package io.svclab.node.kubelet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.svclab.api.v1.Pod;
import io.svclab.client.streams.PodLogOptions;
import io.svclab.node.portforward.PortForwardHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's kubelet API, as far as the apiserver proxies to it: {@code GET /containerLogs/{ns}/{pod}/{container}}
 * (and {@code POST /exec/...}, see {@link ExecHandler}) on the node IP and the port the Node
 * publishes in {@code status.daemonEndpoints.kubeletEndpoint}. Plain HTTP on loopback addresses
 * (kubelet serves HTTPS with client certificates; nothing leaves the host here).
 */
public final class KubeletServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubeletServer.class);
  /** How often a followed log is read again for new lines. */
  private static final Duration FOLLOW_POLL = Duration.ofMillis(200);
  /** A follow ends after this long even if the client stays (every loop is bounded). */
  private static final Duration FOLLOW_LIMIT = Duration.ofHours(12);

  private final HttpServer server;
  private final ExecutorService threads;
  private final Path dataDir;
  private final Optional<Path> componentLogs;
  private final BiFunction<String, String, Optional<Pod>> pods;
  private final Clock clock;

  /** @param componentLogs the lab's log directory, read for its components' mirror pods on this node */
  public KubeletServer(String host, int port, Path dataDir, Optional<Path> componentLogs,
      BiFunction<String, String, Optional<Pod>> pods, ExecHandler exec, Clock clock) throws IOException {
    this.dataDir = dataDir;
    this.componentLogs = componentLogs;
    this.pods = pods;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    threads = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "kubelet-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.setExecutor(threads);
    server.createContext("/containerLogs/", this::containerLogs);
    server.createContext("/exec/", exec::handle);
    server.createContext("/attach/", exec::attach);
    server.createContext("/portForward/", new PortForwardHandler(pods)::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void containerLogs(HttpExchange x) throws IOException {
    try (x) {
      String[] p = x.getRequestURI().getPath().split("/");
      if (!x.getRequestMethod().equals("GET") || p.length != 5) {
        plain(x, 404, "404 page not found");
        return;
      }
      String ns = p[2];
      String podName = p[3];
      String container = p[4];
      PodLogOptions o;
      try {
        o = PodLogOptions.parse(new QueryStringDecoder(x.getRequestURI().getRawQuery() == null ? ""
            : x.getRequestURI().getRawQuery(), false).parameters());
      } catch (PodLogOptions.Invalid e) {
        plain(x, 400, e.getMessage());
        return;
      }
      Optional<Pod> pod = pods.apply(ns, podName);
      ContainerLogFiles.Choice choice = ContainerLogFiles.choose(dataDir, componentLogs, pod, ns, podName, container,
          o.previous());
      if (choice instanceof ContainerLogFiles.Refused r) {
        plain(x, r.code(), r.message());
        return;
      }
      boolean cri = choice instanceof ContainerLogFiles.File;
      Path file = cri ? ((ContainerLogFiles.File) choice).path() : ((ContainerLogFiles.ComponentLog) choice).path();
      Function<String, LogLines.Entry> parse = cri ? LogLines::parse : LogLines::plain;
      log.debug("containerLogs {}/{}/{} from {}", ns, podName, container, file);
      x.getResponseHeaders().set("Content-Type", "text/plain");
      x.sendResponseHeaders(200, 0);
      OutputStream out = x.getResponseBody();
      long offset = 0;
      if (Files.exists(file)) {
        byte[] all = Files.readAllBytes(file);
        int end = lastNewline(all);
        offset = end;
        List<LogLines.Entry> lines = new String(all, 0, end, StandardCharsets.UTF_8).lines().map(parse).toList();
        for (String l : LogLines.selectEntries(lines, o, clock.instant())) {
          out.write(l.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
      }
      if (o.follow()) {
        follow(out, file, offset, o, parse, cri, pod.get().getMetadata().getUid(), ns, podName);
      }
    } catch (IOException e) {
      log.debug("containerLogs client went away: {}", e.toString());
    }
  }

  /**
   * Sends lines as they are appended, until the client leaves, the pod goes, or its container
   * restarts (a CRI log's next file appears; a component's log goes on across its restarts).
   */
  private void follow(OutputStream out, Path file, long start, PodLogOptions o, Function<String, LogLines.Entry> parse,
      boolean cri, String uid, String ns, String podName) throws IOException {
    long offset = start;
    Instant deadline = clock.instant().plus(FOLLOW_LIMIT);
    long sent = 0;
    while (clock.instant().isBefore(deadline)) {
      Optional<Pod> now = pods.apply(ns, podName);
      if (now.isEmpty() || !now.get().getMetadata().getUid().equals(uid)) {
        return;
      }
      if (Files.exists(file) && Files.size(file) > offset) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
          f.seek(offset);
          byte[] b = new byte[(int) Math.min(f.length() - offset, 1 << 20)];
          f.readFully(b);
          int end = lastNewline(b);
          offset += end;
          for (String raw : new String(b, 0, end, StandardCharsets.UTF_8).lines().toList()) {
            byte[] line = LogLines.render(parse.apply(raw), o.timestamps()).getBytes(StandardCharsets.UTF_8);
            if (o.limitBytes().isPresent() && sent + line.length > o.limitBytes().getAsLong()) {
              return;
            }
            out.write(line);
            sent += line.length;
          }
        }
      }
      out.flush(); // an empty chunk-less flush still fails once the client is gone
      if (cri && Files.exists(file.resolveSibling(nextRestart(file)))) {
        return;
      }
      try {
        Thread.sleep(FOLLOW_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String nextRestart(Path file) {
    String name = file.getFileName().toString();
    return (Integer.parseInt(name.substring(0, name.length() - ".log".length())) + 1) + ".log";
  }

  private static int lastNewline(byte[] b) {
    for (int i = b.length - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  static void plain(HttpExchange x, int code, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(code, body.length);
    x.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
