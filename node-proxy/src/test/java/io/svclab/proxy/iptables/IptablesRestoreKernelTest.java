package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.net.testing.NetNamespace;
import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rendered rules applied to a real kernel: {@code iptables-restore --noflush} in a network
 * namespace this test creates and removes, then {@code iptables-save} read back. Needs root; where
 * the kernel or the tools refuse, the test fails with their words (it never passes without the
 * kernel having taken every rule).
 */
class IptablesRestoreKernelTest {
  static final String NODE = "node-1";
  static final NodeContext NODE_1 = NodeContext.defaults("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16"));

  NetNamespace ns;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetNamespace.create("svclab-ipt-test");
  }

  @AfterEach
  void removeNamespace() throws Exception {
    if (ns != null) ns.close();
  }

  @Test
  void theKernelTakesEveryRuleAndIptablesSaveShowsKubeProxysChains() throws Exception {
    ProxySnapshot snapshot = seed000();
    RestoreInput input = IptablesRenderer.render(snapshot, NODE_1);

    apply(input);

    String nat = ns.execOrFail(null, "iptables-save", "-t", "nat");
    String filter = ns.execOrFail(null, "iptables-save", "-t", "filter");
    // Every chain and every rule the renderer wrote is in the kernel, per chain.
    assertThat(rulesPerChain(nat)).containsAllEntriesOf(rulesPerChain(String.join("\n", input.nat())));
    assertThat(rulesPerChain(filter)).containsAllEntriesOf(rulesPerChain(String.join("\n", input.filter())));

    ServicePortInfo nginx = port(snapshot, "nginx-clusterip-service");
    String svc = ChainNames.clusterPolicy(nginx.name());
    assertThat(lines(nat)).anySatisfy(l -> assertThat(l).startsWith("-A KUBE-SERVICES -d 10.96.124.144/32 -p tcp")
        .contains("--comment \"default/nginx-clusterip-service cluster IP\"").endsWith("--dport 80 -j " + svc));
    assertThat(lines(nat)).filteredOn(l -> l.startsWith("-A " + svc + " ") && l.contains("-j KUBE-SEP-"))
        .hasSize(2)
        .first().asString().contains("-m statistic --mode random --probability 0.5");
    assertThat(lines(nat)).anySatisfy(l -> assertThat(l).startsWith("-A KUBE-NODEPORTS")
        .contains("--dport 30080 -j " + ChainNames.external(port(snapshot, "nginx-nodeport-service").name())));
    assertThat(lines(nat)).contains("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
    assertThat(lines(nat)).anySatisfy(l -> assertThat(l).contains("-m recent --set --name KUBE-SEP-"));
    assertThat(lines(nat)).anySatisfy(l -> assertThat(l).startsWith("-A KUBE-POSTROUTING")
        .contains("-j MASQUERADE --random-fully"));
    assertThat(lines(filter)).anySatisfy(l -> assertThat(l).contains("-d 10.96.40.2/32")
        .contains("\"default/nobody-home has no endpoints\"").endsWith("-j REJECT --reject-with icmp-port-unreachable"));
  }

  @Test
  void scalingUpAddsAnEndpointChainAndScalingDownDeletesIt() throws Exception {
    ProxySnapshot two = seed000();
    apply(IptablesRenderer.render(two, NODE_1));
    ServicePortInfo nginx = port(two, "nginx-clusterip-service");
    Endpoint third = new Endpoint("10.244.1.7", 80, NODE, true, true, false, true);
    List<Endpoint> three = new ArrayList<>(nginx.endpoints());
    three.add(third);
    ProxySnapshot scaledUp = replace(two, nginx.withEndpoints(three));

    String before = ns.execOrFail(null, "iptables-save", "-t", "nat");
    restore(IptablesRenderer.render(scaledUp, NODE_1,
        SyncScope.partial(Set.of(nginx.name().serviceKey())).deletingStaleChainsOf(SavedChains.parse(before))));

    String svc = ChainNames.clusterPolicy(nginx.name());
    String thirdChain = ChainNames.endpoint(nginx.name(), third);
    String up = ns.execOrFail(null, "iptables-save", "-t", "nat");
    assertThat(lines(up)).filteredOn(l -> l.startsWith("-A " + svc + " ") && l.contains("-j KUBE-SEP-")).hasSize(3);
    assertThat(SavedChains.parse(up)).contains(thirdChain);

    restore(IptablesRenderer.render(two, NODE_1, SyncScope.FULL.deletingStaleChainsOf(SavedChains.parse(up))));

    String down = ns.execOrFail(null, "iptables-save", "-t", "nat");
    assertThat(SavedChains.parse(down)).doesNotContain(thirdChain)
        .contains(ChainNames.endpoint(nginx.name(), nginx.endpoints().get(0)));
    assertThat(lines(down)).filteredOn(l -> l.startsWith("-A " + svc + " ") && l.contains("-j KUBE-SEP-")).hasSize(2);
  }

  /** The restore, then kube-proxy's jumps from the built-in chains (iptables -I), as its first sync does. */
  private void apply(RestoreInput input) throws Exception {
    restore(input);
    for (IptablesRenderer.JumpRule jump : IptablesRenderer.jumpRules()) {
      List<String> cmd = new ArrayList<>(List.of("iptables", "-w", "-t", jump.table(), "-I", jump.builtinChain()));
      cmd.addAll(jump.args());
      ns.execOrFail(null, cmd.toArray(String[]::new));
    }
  }

  private void restore(RestoreInput input) throws Exception {
    ns.execOrFail(input.text(), "iptables-restore", "--noflush");
  }

  static ProxySnapshot seed000() throws Exception {
    return Manifests.snapshotOf(Manifests.resource("iptables-kernel/seed-000.yaml"), NODE);
  }

  private static ServicePortInfo port(ProxySnapshot snapshot, String service) {
    return snapshot.servicePorts().stream().filter(p -> p.name().name().equals(service)).findFirst().orElseThrow();
  }

  private static ProxySnapshot replace(ProxySnapshot snapshot, ServicePortInfo replacement) {
    List<ServicePortInfo> ports = snapshot.servicePorts().stream()
        .map(p -> p.name().equals(replacement.name()) ? replacement : p).collect(Collectors.toList());
    return new ProxySnapshot(ports, snapshot.healthChecks(), snapshot.skipped());
  }

  private static List<String> lines(String text) {
    return List.of(text.split("\n"));
  }

  /** chain -> number of rules, for the KUBE-* chains declared in a restore input or a save. */
  private static Map<String, Integer> rulesPerChain(String text) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String chain : SavedChains.parse(text)) if (chain.startsWith("KUBE-")) counts.put(chain, 0);
    for (String line : lines(text)) {
      if (!line.startsWith("-A ")) continue;
      String chain = line.split(" ")[1];
      if (counts.containsKey(chain)) counts.merge(chain, 1, Integer::sum);
    }
    return counts;
  }
}
