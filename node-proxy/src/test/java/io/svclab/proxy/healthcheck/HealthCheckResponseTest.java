package io.svclab.proxy.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.ProxySnapshot.HealthCheck;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HealthCheckResponseTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("local endpoints: 200 with the count", new HealthCheck("default", "web", 32000, 2), 200,
            "{\"service\":{\"namespace\":\"default\",\"name\":\"web\"},\"localEndpoints\":2,\"serviceProxyHealthy\":true}"),
        Arguments.of("no local endpoints: 503", new HealthCheck("prod", "api", 32001, 0), 503,
            "{\"service\":{\"namespace\":\"prod\",\"name\":\"api\"},\"localEndpoints\":0,\"serviceProxyHealthy\":true}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answers(String name, HealthCheck check, int status, String body) {
    assertThat(HealthCheckResponse.of(check)).isEqualTo(new HealthCheckResponse(status, body));
  }
}
