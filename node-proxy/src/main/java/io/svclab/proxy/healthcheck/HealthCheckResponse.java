package io.svclab.proxy.healthcheck;

import io.svclab.proxy.snapshot.ProxySnapshot.HealthCheck;

/**
 * kube-proxy's service health check answer (pkg/proxy/healthcheck): 200 with the local
 * endpoint count when this node has local endpoints for the Service, 503 otherwise, so an
 * external load balancer only sends ETP Local traffic to nodes that can serve it. Pure.
 */
public record HealthCheckResponse(int status, String body) {
  public static HealthCheckResponse of(HealthCheck check) {
    String body = "{\"service\":{\"namespace\":\"" + json(check.namespace()) + "\",\"name\":\"" + json(check.name())
        + "\"},\"localEndpoints\":" + check.localEndpoints() + ",\"serviceProxyHealthy\":true}";
    return new HealthCheckResponse(check.localEndpoints() > 0 ? 200 : 503, body);
  }

  private static String json(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
