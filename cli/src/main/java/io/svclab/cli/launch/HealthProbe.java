package io.svclab.cli.launch;

import io.svclab.net.netns.NamespaceThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One look at a process's {@code /healthz}: {@code healthy}, {@code HTTP 503}, or {@code no answer}.
 * A process in a network namespace of its own ({@code ./lab up --netns}) is asked from a thread
 * inside that namespace ({@link NamespaceThreads}), as its address exists only there.
 */
public final class HealthProbe {
  public static final String HEALTHY = "healthy";

  private final HttpClient http;
  private final Duration timeout;

  public HealthProbe(Duration timeout) {
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public String check(String url) {
    try {
      int code = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      return verdict(code);
    } catch (IOException e) {
      return "no answer";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no answer";
    }
  }

  /** {@link #check(String)} in {@code netns} (null or empty: here). */
  public String check(String netns, String url) {
    if (netns == null || netns.isEmpty()) {
      return check(url);
    }
    try {
      return NamespaceThreads.call(netns, () -> verdict(statusInHere(URI.create(url))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no answer";
    } catch (Exception e) {
      return "no answer";
    }
  }

  public boolean healthy(String url) {
    return HEALTHY.equals(check(url));
  }

  public boolean healthy(String netns, String url) {
    return HEALTHY.equals(check(netns, url));
  }

  private static String verdict(int code) {
    return code == 200 ? HEALTHY : "HTTP " + code;
  }

  /**
   * The status code of a GET over a socket made on the calling thread (the JDK's HttpClient opens
   * its sockets on threads of its own, which are not in the namespace).
   */
  private int statusInHere(URI url) throws IOException {
    int millis = (int) timeout.toMillis();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(url.getHost(), url.getPort()), millis);
      s.setSoTimeout(millis);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != -1 && c != '\n' && line.length() < 200; ) {
        line.append((char) c);
      }
      String[] parts = line.toString().split(" ");  // HTTP/1.1 200 OK
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        throw new IOException("not an HTTP answer: " + line);
      }
      return Integer.parseInt(parts[1].trim());
    }
  }
}
