package io.svclab.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The committed container lab cannot drift from ./lab up's component list, and docker-compose accepts it. */
class ComposeFileTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

  @Test
  void committedComposeFileIsTheRenderedOne() throws Exception {
    assertThat(Files.readString(COMPOSE))
        .as("docker-compose.yml is stale: regenerate it with ./lab compose > docker-compose.yml")
        .isEqualTo(ComposeRenderer.render(2));
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyLabProcessRunsInTheContainerLabWithTheSameFlagNames() {
    Map<String, Object> compose = new Yaml().load(ComposeRenderer.render(2));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services.keySet()).containsExactly("apiserver", "endpoints-controller", "workload-controller", "cloud-lb",
        "dns-server", "node-1", "node-2");
    List<Component> local = LabTopology.components(Path.of("/data"), 2);
    String all = services.values().stream().map(s -> String.join(" ", (List<String>) s.get("command")))
        .reduce("", (a, b) -> a + " " + b);
    for (Component c : local) {
      for (String arg : c.args()) {
        if (arg.startsWith("--") && !arg.equals("--unix-socket")) {
          assertThat(all).as(c.name() + " flag " + arg).contains(arg);
        }
      }
    }
    assertThat((List<String>) services.get("node-1").get("command"))
        .containsSubsequence("node-agent", "--node-ip", "172.28.1.1", "--pod-cidr", "10.244.1.0/24", "--and", "node-proxy");
    assertThat((List<String>) services.get("apiserver").get("command")).containsSubsequence("--service-cluster-ip-range", "10.96.0.0/16");
    assertThat((List<String>) services.get("apiserver").get("ports")).containsExactly("127.0.0.1:6443:6443");
    assertThat((List<String>) services.get("dns-server").get("ports")).containsExactly("127.0.0.1:1053:1053/udp", "127.0.0.1:1053:1053/tcp");
    assertThat((List<String>) services.get("apiserver").get("command"))
        .as("0.0.0.0 is no endpoint address: the container's own is published")
        .containsSubsequence("--bind-address", "0.0.0.0", "--advertise-address", "172.28.0.2");
    assertThat((Map<String, Object>) services.get("dns-server").get("depends_on"))
        .isEqualTo(Map.of("apiserver", Map.of("condition", "service_healthy")));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theNetworksAreInternalAndOnlyPublishingServicesJoinTheEdge() {
    Map<String, Object> compose = new Yaml().load(ComposeRenderer.render(2));
    Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) compose.get("networks");
    assertThat(networks.get("lab")).containsEntry("internal", true);
    assertThat(networks.get("pods")).containsEntry("internal", true);
    assertThat((Map<String, Object>) networks.get("edge").get("driver_opts"))
        .containsEntry("com.docker.network.bridge.enable_ip_masquerade", "false");
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    services.forEach((name, service) -> {
      Map<String, Object> joined = (Map<String, Object>) service.get("networks");
      assertThat(joined.keySet()).as(name).isEqualTo(service.containsKey("ports") ? Set.of("lab", "edge")
          : name.startsWith("node-") ? Set.of("lab", "pods") : Set.of("lab"));
      assertThat(service).as(name + " has a health check").containsKey("healthcheck");
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyNodeRoutesTheOtherNodesPodCidrsToThem() {
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(
        ComposeRenderer.render(3)).get("services");
    assertThat(((Map<String, String>) services.get("node-1").get("environment")).get("SVCLAB_PEER_ROUTES"))
        .isEqualTo("10.244.2.0/24=10.244.0.12 10.244.3.0/24=10.244.0.13");
    assertThat(((Map<String, String>) services.get("node-2").get("environment")).get("SVCLAB_PEER_ROUTES"))
        .isEqualTo("10.244.1.0/24=10.244.0.11 10.244.3.0/24=10.244.0.13");
    Map<String, Map<String, Object>> single = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(
        ComposeRenderer.render(1)).get("services");
    assertThat((Map<String, String>) single.get("node-1").get("environment")).doesNotContainKey("SVCLAB_PEER_ROUTES");
  }

  @Test
  void theEntrypointKnowsEveryMainClass() throws Exception {
    String entrypoint = Files.readString(ROOT.resolve("scripts/container-entrypoint.sh"));
    for (Component c : LabTopology.components(Path.of("/data"), 1)) {
      assertThat(entrypoint).as(c.name()).contains(c.name().replaceAll("-\\d+$", "") + ") echo " + c.mainClass() + " ;;");
    }
  }

  @Test
  void dockerComposeAcceptsIt() throws Exception {
    Process p = new ProcessBuilder("docker-compose", "-f", COMPOSE.toString(), "config", "-q")
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("docker-compose config finished").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
