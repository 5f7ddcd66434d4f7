package io.svclab.cli.launch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One look at a process's {@code /healthz}: {@code healthy}, {@code HTTP 503}, or {@code no answer}. */
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
      return code == 200 ? HEALTHY : "HTTP " + code;
    } catch (IOException e) {
      return "no answer";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no answer";
    }
  }

  public boolean healthy(String url) {
    return HEALTHY.equals(check(url));
  }
}
