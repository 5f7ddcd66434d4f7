package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LabClassPathTest {
  private static final Path HOME = Path.of("/lab");
  private static final String SHARED = "/lab/cli/target/svclab-cli.jar:/lab/cli/target/lib/a.jar";

  @Test
  void theApiserverGetsItsOwnJarsAfterTheSharedOnes() {
    assertThat(LabClassPath.forMainClass("io.svclab.apiserver.ApiServerMain", SHARED, HOME))
        .isEqualTo(SHARED + ":/lab/cli/target/lib-apiserver/*");
  }

  @Test
  void everyOtherComponentGetsTheSharedJarsOnly() {
    for (String main : new String[] {"io.svclab.endpoints.EndpointsControllerMain", "io.svclab.node.NodeAgentMain",
        "io.svclab.dns.DnsServerMain", "io.svclab.apiserverless.Main"}) {
      assertThat(LabClassPath.forMainClass(main, SHARED, HOME)).as(main).isEqualTo(SHARED);
    }
  }

  @Test
  void aRelativeHomeBecomesAnAbsoluteEntry() {
    assertThat(LabClassPath.withApiserverJars("a.jar", Path.of(".")))
        .isEqualTo("a.jar:" + Path.of("").toAbsolutePath() + "/cli/target/lib-apiserver/*");
  }
}
