package io.svclab.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKinds;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The allocator's range error, for the default range and a configured one. */
class NodePortRangeTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("inside the default range", "30000-32767", 30080, ""),
        arguments("first port of the range", "30000-32767", 30000, ""),
        arguments("last port of the range", "30000-32767", 32767, ""),
        arguments("below the default range", "30000-32767", 80,
            "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"),
        arguments("above a configured range", "31000-31099", 31100,
            "spec.ports[0].nodePort: Invalid value: 31100: provided port is not in the valid range. The range of valid ports is 31000-31099"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checksRequestedNodePort(String name, String range, int nodePort, String expected) {
    Service svc = ApiObjects.parse(ResourceKinds.SERVICES,
        "{'metadata':{'name':'web','namespace':'default'},'spec':{'type':'NodePort','ports':[{'port':80,'nodePort':" + nodePort + "}]}}");
    var errs = NodePortRange.parse(range).check(svc);
    assertThat(errs.isEmpty() ? "" : errs.get(0).render()).isEqualTo(expected);
  }
}
