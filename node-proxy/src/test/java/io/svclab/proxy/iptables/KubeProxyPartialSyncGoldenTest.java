package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * kube-proxy's TestSyncProxyRulesRepeated (proxier_test.go, v1.32): nine syncs in a row, each
 * compared with kube-proxy's expected restore input. Between steps the objects change
 * ({@code N-step.yaml} holds the whole state of step N); {@link SyncPlanner} decides full or
 * partial and which Services are rewritten, and the chains the previous step left in the kernel
 * are offered for deletion, as kube-proxy's iptables-save before each sync offers them.
 */
class KubeProxyPartialSyncGoldenTest {
  static final String DIR = KubeProxyGoldenTest.DIR + "sync-proxy-rules-repeated/";

  @Test
  void eachSyncWritesWhatKubeProxyWrites() throws Exception {
    List<String> steps = Manifests.resource(DIR + "steps.txt").lines()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(steps).hasSize(9);
    Instant now = Instant.parse("2026-12-03T00:00:00Z");
    ProxySnapshot applied = null;
    Set<String> kernelChains = Set.of();
    for (String step : steps) {
      String name = step.split(" ")[0];
      boolean needFullSync = step.endsWith(" full");
      ProxySnapshot next = Manifests.snapshotOf(Manifests.resource(DIR + name + ".yaml"), KubeProxyGoldenTest.NODE_NAME);

      SyncScope scope = SyncPlanner.plan(applied, next, needFullSync, now, now).deletingStaleChainsOf(kernelChains);
      RestoreInput input = IptablesRenderer.render(next, KubeProxyGoldenTest.FAKE_PROXIER, scope);

      assertThat(KubeProxyRuleOrder.normalize(input.text())).as(name)
          .isEqualTo(KubeProxyRuleOrder.normalize(Manifests.resource(DIR + name + ".expected.txt")));
      applied = next;
      kernelChains = input.activeNatChains();
    }
  }
}
