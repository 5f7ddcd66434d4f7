package io.svclab.client.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AdminServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(AdminServer admin, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsAndHealthOnAPickedPort() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (AdminServer admin = AdminServer.start("127.0.0.1", 0, new PrometheusRegistry(), () -> true, ready::get)) {
      assertThat(admin.port()).isPositive();
      HttpResponse<String> metrics = get(admin, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      assertThat(get(admin, "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(admin, "/healthz").body()).isEqualTo("ok\n");
      assertThat(get(admin, "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(admin, "/readyz").statusCode()).isEqualTo(200);
      assertThat(get(admin, "/nope").statusCode()).isEqualTo(404);
    }
  }
}
