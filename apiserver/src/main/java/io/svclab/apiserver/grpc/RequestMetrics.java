package io.svclab.apiserver.grpc;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** kube-apiserver's request metrics: latency by verb and resource, count by code. */
public final class RequestMetrics {
  private final Histogram duration;
  private final Counter total;

  public RequestMetrics(PrometheusRegistry registry) {
    duration = Histogram.builder().name("apiserver_request_duration_seconds")
        .help("Response latency per verb and resource").labelNames("verb", "resource").register(registry);
    total = Counter.builder().name("apiserver_request_total")
        .help("Requests per verb, resource and gRPC code").labelNames("verb", "resource", "code").register(registry);
  }

  public void observe(String verb, String resource, String code, double seconds) {
    duration.labelValues(verb, resource).observe(seconds);
    total.labelValues(verb, resource, code).inc();
  }
}
