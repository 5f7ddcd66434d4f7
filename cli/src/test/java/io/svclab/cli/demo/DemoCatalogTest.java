package io.svclab.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.client.json.ManifestDecoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DemoCatalogTest {
  @Test
  void theTenDemosOfTheIssueInOrder() {
    assertThat(DemoCatalog.ALL.stream().map(Demo::name)).containsExactly("clusterip", "nodeport", "loadbalancer", "headless",
        "externalname", "dns", "readiness", "affinity", "namespaces", "debugging");
    assertThat(DemoCatalog.ALL).allSatisfy(d -> assertThat(d.description()).isNotBlank().doesNotContain("\n"));
  }

  static Stream<Path> sources() throws Exception {
    return Files.list(Path.of("src/main/java/io/svclab/cli/demo")).filter(p -> p.toString().endsWith("Demo.java"));
  }

  /** Every file a demo applies is in the jar and decodes as the apply verb would decode it. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sources")
  void everyAppliedFileExistsAndDecodes(Path source) throws Exception {
    Matcher m = Pattern.compile("s\\.apply\\(\"([^\"]+)\"\\)").matcher(Files.readString(source));
    while (m.find()) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("demos/" + m.group(1))) {
        assertThat(in).as(m.group(1)).isNotNull();
        assertThat(ManifestDecoder.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8))).as(m.group(1)).isNotEmpty();
      }
    }
  }

  @Test
  void unknownNameIsNotFound() {
    assertThat(DemoCatalog.find("kubectl")).isEmpty();
    assertThat(DemoCatalog.find("dns").map(Demo::name)).contains("dns");
    assertThat(List.copyOf(DemoCatalog.ALL)).hasSize(10);
  }
}
