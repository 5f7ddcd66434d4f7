package io.svclab.node.portforward;

import com.sun.net.httpserver.HttpExchange;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.svclab.api.v1.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /portForward/{ns}/{pod}?port=N} (svclab's own hop, as {@code /exec}): connects to the
 * pod's IP and port and carries one forwarded connection as a full-duplex HTTP exchange: the chunked
 * request body goes to the pod, the pod's bytes come back as the chunked 200 answer; the end of
 * either side ends that direction. A refusal or failed connect is a plain-text answer in kubelet's
 * words, which the apiserver writes on the port-forward error stream.
 */
public final class PortForwardHandler {
  private static final Logger log = LoggerFactory.getLogger(PortForwardHandler.class);
  private static final int CONNECT_TIMEOUT_MS = 5000;
  private static final int MAX_CONNECTIONS = 256;

  private final BiFunction<String, String, Optional<Pod>> pods;
  /** The pod-to-client direction of each connection; the request thread carries the other one. */
  private final ExecutorService upstream;

  public PortForwardHandler(BiFunction<String, String, Optional<Pod>> pods) {
    this.pods = pods;
    AtomicInteger n = new AtomicInteger();
    this.upstream = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "port-forward-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public void handle(HttpExchange x) throws IOException {
    try (x) {
      String[] p = x.getRequestURI().getPath().split("/");
      if (!x.getRequestMethod().equals("POST") || p.length != 4) {
        plain(x, 404, "404 page not found");
        return;
      }
      String rawQuery = x.getRequestURI().getRawQuery();
      List<String> port = new QueryStringDecoder(rawQuery == null ? "" : rawQuery, false).parameters()
          .getOrDefault("port", List.of());
      PortForwardTarget.Decision d = PortForwardTarget.decide(pods.apply(p[2], p[3]), p[2], p[3],
          port.isEmpty() ? "" : port.get(0));
      if (d instanceof PortForwardTarget.Refused r) {
        plain(x, r.code(), r.message());
        return;
      }
      PortForwardTarget.Dial dial = (PortForwardTarget.Dial) d;
      Socket pod = new Socket();
      try {
        pod.connect(new InetSocketAddress(dial.ip(), dial.port()), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        pod.close();
        log.debug("portForward {}/{}:{} refused: {}", p[2], p[3], dial.port(), e.toString());
        plain(x, 500, PortForwardTarget.dialError(dial, e));
        return;
      }
      log.debug("portForward {}/{} -> {}:{}", p[2], p[3], dial.ip(), dial.port());
      x.getResponseHeaders().set("Content-Type", "application/octet-stream");
      x.sendResponseHeaders(200, 0);
      OutputStream toClient = x.getResponseBody();
      toClient.flush(); // the 200 goes out now: the apiserver waits for it before forwarding the client's bytes
      try (pod) {
        try {
          upstream.execute(() -> copy(podInput(pod), toClient, pod));
        } catch (RejectedExecutionException e) {
          log.warn("portForward: {} connections already open; refusing another", MAX_CONNECTIONS);
          return;
        }
        copyToPod(x.getRequestBody(), pod);
        waitForPod(pod);
      }
    }
  }

  private static InputStream podInput(Socket pod) {
    try {
      return pod.getInputStream();
    } catch (IOException e) {
      return InputStream.nullInputStream();
    }
  }

  /** Client to pod; the client's end becomes a half-close, so the pod still answers. */
  private static void copyToPod(InputStream fromClient, Socket pod) {
    try {
      fromClient.transferTo(pod.getOutputStream());
      pod.shutdownOutput();
    } catch (IOException e) {
      log.debug("portForward: client side ended: {}", e.toString());
      closeQuietly(pod);
    }
  }

  /** Pod to client, flushed per read so an answer is not held back; the pod's end ends the answer. */
  private static void copy(InputStream fromPod, OutputStream toClient, Socket pod) {
    byte[] buf = new byte[16384];
    try {
      for (int n = fromPod.read(buf); n >= 0; n = fromPod.read(buf)) {
        toClient.write(buf, 0, n);
        toClient.flush();
      }
      toClient.close();
    } catch (IOException e) {
      log.debug("portForward: pod side ended: {}", e.toString());
    } finally {
      synchronized (pod) {
        pod.notifyAll();
      }
      closeQuietly(pod);
    }
  }

  /** The exchange stays open until the pod side is done (the answer closes when the exchange does). */
  private static void waitForPod(Socket pod) {
    synchronized (pod) {
      // bounded: a pod that never ends keeps the connection only as long as its socket lives
      for (int i = 0; i < 1_000_000 && !pod.isClosed(); i++) {
        try {
          pod.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  private static void plain(HttpExchange x, int code, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(code, body.length);
    x.getResponseBody().write(body);
    // out now: closing the exchange first drains the request, which the apiserver ends only after this answer
    x.getResponseBody().flush();
  }
}
