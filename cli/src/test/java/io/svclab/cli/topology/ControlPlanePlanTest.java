package io.svclab.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ControlPlanePlanTest {
  static final Path DATA = Path.of("/data");

  static Stream<Arguments> plans() {
    return Stream.of(
        Arguments.of("the single lab: SQLite, no etcd", new ControlPlanePlan(false, 1), List.of(), "127.0.0.1:6443",
            List.of(6443, 6444, 6080)),
        Arguments.of("etcd, one apiserver", new ControlPlanePlan(true, 1), List.of(2379, 2389, 2399), "127.0.0.1:6443",
            List.of(2379, 2380, 2389, 2390, 2399, 2400, 6443, 6444, 6080)),
        Arguments.of("etcd, two apiservers", new ControlPlanePlan(true, 2), List.of(2379, 2389, 2399),
            "127.0.0.1:6443,127.0.0.1:6453", List.of(2379, 2380, 2389, 2390, 2399, 2400, 6443, 6444, 6080, 6453, 6454, 6090)),
        Arguments.of("etcd, three apiservers", new ControlPlanePlan(true, 3), List.of(2379, 2389, 2399),
            "127.0.0.1:6443,127.0.0.1:6453,127.0.0.1:6463",
            List.of(2379, 2380, 2389, 2390, 2399, 2400, 6443, 6444, 6080, 6453, 6454, 6090, 6463, 6464, 6100)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("plans")
  void membersApiserversAndPorts(String name, ControlPlanePlan plan, List<Integer> clientPorts, String apiTargets,
      List<Integer> ports) {
    assertThat(plan.members()).extracting(ControlPlanePlan.EtcdMember::clientPort).isEqualTo(clientPorts);
    assertThat(plan.apiTargets()).isEqualTo(apiTargets);
    assertThat(plan.ports()).isEqualTo(ports).doesNotHaveDuplicates();
  }

  @Test
  void theFirstApiserverKeepsTheLabsNamesTheOthersHaveTheirOwn() {
    var servers = new ControlPlanePlan(true, 2).apiServers();
    assertThat(servers).extracting(ControlPlanePlan.ApiServerInstance::name).containsExactly("apiserver", "apiserver-2");
    assertThat(servers.get(0).dataDir(DATA)).isEqualTo(DATA);
    assertThat(servers.get(0).socket(DATA)).isEqualTo(DATA.resolve("apiserver.sock"));
    assertThat(servers.get(1).dataDir(DATA)).isEqualTo(DATA.resolve("apiserver-2"));
    assertThat(servers.get(1).socket(DATA)).isEqualTo(DATA.resolve("apiserver-2.sock"));
  }

  @Test
  void etcdMembersFormOneClusterUnderTheDataDirectory() {
    ControlPlanePlan plan = new ControlPlanePlan(true, 1);
    assertThat(plan.storage(DATA)).isEqualTo("etcd:http://127.0.0.1:2379,http://127.0.0.1:2389,http://127.0.0.1:2399");
    assertThat(plan.initialCluster())
        .isEqualTo("etcd-1=http://127.0.0.1:2380,etcd-2=http://127.0.0.1:2390,etcd-3=http://127.0.0.1:2400");
    List<String> args = plan.etcdArgs(plan.members().get(1), DATA);
    assertThat(args).contains("--name=etcd-2", "--data-dir=/data/etcd/etcd-2", "--listen-client-urls=http://127.0.0.1:2389",
        "--advertise-client-urls=http://127.0.0.1:2389", "--listen-peer-urls=http://127.0.0.1:2390",
        "--initial-advertise-peer-urls=http://127.0.0.1:2390", "--initial-cluster=" + plan.initialCluster(),
        "--initial-cluster-state=new");
    // two labs' members never join each other: the token follows the data directory
    assertThat(args.stream().filter(a -> a.startsWith("--initial-cluster-token=")).findFirst())
        .isNotEqualTo(plan.etcdArgs(plan.members().get(1), Path.of("/other")).stream()
            .filter(a -> a.startsWith("--initial-cluster-token=")).findFirst());
  }

  static Stream<Arguments> runningLabs() {
    return Stream.of(
        Arguments.of("a single lab", List.of("apiserver", "endpoints-controller", "node-agent-1"), "127.0.0.1:6443"),
        Arguments.of("two apiservers on etcd", List.of("etcd-1", "etcd-2", "etcd-3", "apiserver", "apiserver-2", "dns-server"),
            "127.0.0.1:6443,127.0.0.1:6453"),
        Arguments.of("no table yet", List.of(), "127.0.0.1:6443"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runningLabs")
  void theApiListOfARunningLabFollowsItsProcesses(String name, List<String> processes, String expected) {
    assertThat(ControlPlanePlan.apiTargetsOf(processes)).isEqualTo(expected);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("no apiserver", false, 0, "--apiservers 0: must be 1..3"),
        Arguments.of("four apiservers", true, 4, "--apiservers 4: must be 1..3"),
        Arguments.of("two apiservers on SQLite", false, 2,
            "--apiservers 2 needs --etcd (apiservers share one store, and SQLite's state.db serves one process)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesWhatCannotRun(String name, boolean etcd, int apiservers, String message) {
    assertThatThrownBy(() -> new ControlPlanePlan(etcd, apiservers)).hasMessage(message);
  }

  @Test
  void theLabListsMembersFirstAndGivesEveryComponentTheApiList() {
    List<Component> components = LabTopology.components(DATA, 1, new ControlPlanePlan(true, 2));
    assertThat(components).extracting(Component::name).startsWith("etcd-1", "etcd-2", "etcd-3", "apiserver", "apiserver-2");
    assertThat(components.subList(0, 3)).allMatch(Component::external);
    assertThat(components.get(0).healthUrl()).isEqualTo("http://127.0.0.1:2379/health");
    assertThat(components.get(4).args()).containsSequence("--port", "6453").containsSequence("--admin-port", "6090")
        .containsSequence("--rest-port", "6454").containsSequence("--data", "/data/apiserver-2")
        .containsSequence("--storage", "etcd:http://127.0.0.1:2379,http://127.0.0.1:2389,http://127.0.0.1:2399");
    for (Component c : components.subList(5, components.size())) {
      assertThat(c.args()).as(c.name()).containsSequence("--api", "127.0.0.1:6443,127.0.0.1:6453");
    }
  }

  @Test
  void theSingleLabIsUnchanged() {
    assertThat(LabTopology.components(DATA, 2, ControlPlanePlan.single())).isEqualTo(LabTopology.components(DATA, 2));
    assertThat(LabTopology.components(DATA, 2).get(0).args()).doesNotContain("--storage");
  }
}
