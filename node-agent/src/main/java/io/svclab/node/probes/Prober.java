package io.svclab.node.probes;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Probe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Runs one probe as kubelet does: httpGet succeeds on 200..399 (User-Agent kube-probe),
 * tcpSocket on an accepted connection, exec on exit code 0 (through the built-in shell).
 * Blocking: run off the actor. Outputs use kubelet's wording.
 */
public final class Prober {
  public record Outcome(boolean success, String output) {}

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * @param exec runs an exec probe's command in the container: exit code and output
   */
  public Outcome run(Probe probe, Container container, String podIp, int timeoutSeconds,
      Function<java.util.List<String>, Outcome> exec) {
    try {
      if (probe.hasHttpGet()) {
        var g = probe.getHttpGet();
        int port = port(g.getPort(), container);
        String host = g.getHost().isEmpty() ? podIp : g.getHost();
        String scheme = g.getScheme().isEmpty() ? "http" : g.getScheme().toLowerCase();
        String path = g.getPath().isEmpty() ? "/" : g.getPath().startsWith("/") ? g.getPath() : "/" + g.getPath();
        String url = scheme + "://" + host + ":" + port + path;
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds))
            .header("User-Agent", "kube-probe/1.31").header("Accept", "*/*").GET();
        g.getHttpHeadersList().forEach(h -> req.setHeader(h.getName(), h.getValue()));
        try {
          HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() >= 200 && r.statusCode() < 400) {
            return new Outcome(true, "");
          }
          return new Outcome(false, "HTTP probe failed with statuscode: " + r.statusCode());
        } catch (HttpTimeoutException e) {
          return new Outcome(false, "Get \"" + url + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        } catch (ConnectException e) {
          return new Outcome(false, "Get \"" + url + "\": dial tcp " + host + ":" + port + ": connect: connection refused");
        } catch (IOException e) {
          return new Outcome(false, "Get \"" + url + "\": " + e.getMessage());
        }
      }
      if (probe.hasTcpSocket()) {
        int port = port(probe.getTcpSocket().getPort(), container);
        String host = probe.getTcpSocket().getHost().isEmpty() ? podIp : probe.getTcpSocket().getHost();
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(host, port), timeoutSeconds * 1000);
          return new Outcome(true, "");
        } catch (SocketTimeoutException e) {
          return new Outcome(false, "dial tcp " + host + ":" + port + ": i/o timeout");
        } catch (IOException e) {
          return new Outcome(false, "dial tcp " + host + ":" + port + ": connect: connection refused");
        }
      }
      if (probe.hasExec()) {
        return exec.apply(probe.getExec().getCommandList());
      }
      if (probe.hasGrpc()) {
        return new Outcome(false, "gRPC probes are not supported by svclab's node-agent");
      }
      return new Outcome(false, "probe has no handler");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "probe interrupted");
    } catch (IllegalArgumentException e) {
      return new Outcome(false, e.getMessage());
    }
  }

  /** A numeric port, or a named one looked up in the container's ports. */
  static int port(IntOrString p, Container c) {
    if (p.hasName()) {
      for (ContainerPort cp : c.getPortsList()) {
        if (cp.getName().equals(p.getName())) return cp.getContainerPort();
      }
      throw new IllegalArgumentException("port \"" + p.getName() + "\" not found in container " + c.getName());
    }
    return p.getNumber();
  }
}
