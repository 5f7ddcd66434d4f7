package io.svclab.node.toolbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageToolsTest {
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("library/busybox", "curl", false),
        Arguments.of("library/busybox", "wget", true),
        Arguments.of("library/busybox", "nslookup", true),
        Arguments.of("library/busybox", "bash", false),
        Arguments.of("library/busybox", "dig", false),
        Arguments.of("library/alpine", "curl", false),
        Arguments.of("library/alpine", "sh", true),
        Arguments.of("curlimages/curl", "curl", true),
        Arguments.of("curlimages/curl", "bash", false),
        Arguments.of("nicolaka/netshoot", "bash", true),
        Arguments.of("nicolaka/netshoot", "curl", true),
        Arguments.of("nicolaka/netshoot", "dig", true),
        Arguments.of("nicolaka/netshoot", "host", true),
        Arguments.of("nicolaka/netshoot", "nc", true),
        Arguments.of("library/busybox", "host", false),
        Arguments.of("library/busybox", "ping", true),
        Arguments.of("library/alpine", "ip", true),
        Arguments.of("library/nginx", "ping", false),
        Arguments.of("library/nginx", "curl", true),
        Arguments.of("library/nginx", "nslookup", false),
        Arguments.of("library/httpd", "curl", false),
        Arguments.of("e2e-test-images/agnhost", "grep", true),
        Arguments.of("e2e-test-images/agnhost", "curl", false));
  }

  @ParameterizedTest(name = "{0} has {1}: {2}")
  @MethodSource("table")
  void imagesHaveTheirRealTools(String image, String program, boolean has) {
    assertThat(ImageTools.of(image).has(program)).isEqualTo(has);
  }

  static Stream<Arguments> shells() {
    return Stream.of(
        Arguments.of("library/busybox", ImageTools.Shell.ASH, false),
        Arguments.of("curlimages/curl", ImageTools.Shell.ASH, false),
        Arguments.of("nicolaka/netshoot", ImageTools.Shell.ASH, true),
        Arguments.of("library/nginx", ImageTools.Shell.DASH, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shells")
  void shellsAndNslookupFlavour(String image, ImageTools.Shell sh, boolean bindTools) {
    assertThat(ImageTools.of(image).sh()).isEqualTo(sh);
    assertThat(ImageTools.of(image).bindTools()).isEqualTo(bindTools);
  }

  static Stream<Arguments> builtTools() {
    return Stream.of(
        Arguments.of("nicolaka/netshoot", "dig", Dig.class),
        Arguments.of("nicolaka/netshoot", "host", Host.class),
        Arguments.of("nicolaka/netshoot", "nc", Nc.class),
        Arguments.of("library/busybox", "ping", Ping.class),
        Arguments.of("library/busybox", "ip", IpAddr.class),
        Arguments.of("library/busybox", "dig", null),
        Arguments.of("library/nginx", "nc", null));
  }

  @ParameterizedTest(name = "{0} runs {1} as {2}")
  @MethodSource("builtTools")
  void eachProgramHasItsTool(String image, String program, Class<?> tool) {
    Tool t = ImageTools.of(image).tool(program);
    if (tool == null) assertThat(t).isNull();
    else assertThat(t).isInstanceOf(tool);
  }
}
