package io.svclab.proxy.userspace;

import static io.svclab.proxy.snapshot.Fixtures.ep;
import static io.svclab.proxy.snapshot.Fixtures.port;
import static io.svclab.proxy.userspace.EndpointSelector.Traffic.EXTERNAL;
import static io.svclab.proxy.userspace.EndpointSelector.Traffic.INTERNAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.userspace.EndpointSelector.Affinity;
import io.svclab.proxy.userspace.EndpointSelector.Choice;
import io.svclab.proxy.userspace.EndpointSelector.Traffic;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSelectorTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration HOUR = Duration.ofHours(1);

  // ---- which endpoints are usable, by traffic policy ----

  static Stream<Arguments> usableCases() {
    Endpoint readyHere = ep("127.244.1.2", "rsl");
    Endpoint readyThere = ep("127.244.2.2", "rs");
    Endpoint termHere = ep("127.244.1.3", "stl");
    Endpoint termThere = ep("127.244.2.3", "st");
    Endpoint notReady = ep("127.244.2.4", "");
    Endpoint termNotServing = ep("127.244.2.5", "t");
    return Stream.of(
        Arguments.of("cluster policy: every ready endpoint", port(false, false, 0, null, readyHere, readyThere, termThere, notReady),
            INTERNAL, List.of(readyHere, readyThere)),
        Arguments.of("no endpoints at all", port(false, false, 0, null), INTERNAL, List.of()),
        Arguments.of("not ready and not serving endpoints are never used", port(false, false, 0, null, notReady, termNotServing),
            INTERNAL, List.of()),
        Arguments.of("cluster policy falls back to serving+terminating when none is ready",
            port(false, false, 0, null, termHere, termThere, notReady), INTERNAL, List.of(termHere, termThere)),
        Arguments.of("internalTrafficPolicy Local: this node's ready endpoints only",
            port(true, false, 0, null, readyHere, readyThere), INTERNAL, List.of(readyHere)),
        Arguments.of("internalTrafficPolicy Local with no local endpoint: nothing (no remote fallback)",
            port(true, false, 0, null, readyThere), INTERNAL, List.of()),
        Arguments.of("internalTrafficPolicy Local falls back to local serving+terminating",
            port(true, false, 0, null, termHere, readyThere), INTERNAL, List.of(termHere)),
        Arguments.of("local fallback ignores remote terminating endpoints",
            port(true, false, 0, null, termThere, readyThere), INTERNAL, List.of()),
        Arguments.of("externalTrafficPolicy Local: NodePort traffic uses local endpoints",
            port(false, true, 30080, null, readyHere, readyThere), EXTERNAL, List.of(readyHere)),
        Arguments.of("externalTrafficPolicy Local: ClusterIP traffic still uses all ready",
            port(false, true, 30080, null, readyHere, readyThere), INTERNAL, List.of(readyHere, readyThere)),
        Arguments.of("externalTrafficPolicy Local with no local endpoint: external traffic has none",
            port(false, true, 30080, null, readyThere), EXTERNAL, List.of()),
        Arguments.of("externalTrafficPolicy Cluster: external traffic uses all ready",
            port(false, false, 30080, null, readyHere, readyThere), EXTERNAL, List.of(readyHere, readyThere)),
        Arguments.of("local ready endpoints win over local terminating ones",
            port(false, true, 30080, null, readyHere, termHere), EXTERNAL, List.of(readyHere)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("usableCases")
  void usable(String name, ServicePortInfo port, Traffic traffic, List<Endpoint> expected) {
    assertThat(EndpointSelector.usable(port, traffic)).containsExactlyElementsOf(expected);
  }

  // ---- the choice, with and without session affinity ----

  static final Endpoint A = ep("127.244.1.2", "rs");
  static final Endpoint B = ep("127.244.1.3", "rs");
  static final Endpoint C = ep("127.244.1.4", "rs");

  static Stream<Arguments> chooseCases() {
    return Stream.of(
        Arguments.of("no candidates: no endpoint, no affinity", List.of(), null, null, 0, null, null),
        Arguments.of("no affinity: the random index picks", List.of(A, B, C), null, null, 2, C, null),
        Arguments.of("affinity, new client: random pick is remembered", List.of(A, B, C), HOUR, null, 1, B,
            new Affinity(B.address(), NOW)),
        Arguments.of("affinity within the timeout keeps the endpoint and refreshes it", List.of(A, B, C), HOUR,
            new Affinity(C.address(), NOW.minusSeconds(3599)), 0, C, new Affinity(C.address(), NOW)),
        Arguments.of("affinity exactly at the timeout still holds", List.of(A, B, C), HOUR,
            new Affinity(C.address(), NOW.minus(HOUR)), 0, C, new Affinity(C.address(), NOW)),
        Arguments.of("expired affinity: a fresh random pick", List.of(A, B, C), HOUR,
            new Affinity(C.address(), NOW.minusSeconds(3601)), 0, A, new Affinity(A.address(), NOW)),
        Arguments.of("pinned endpoint gone: a fresh random pick", List.of(A, B), HOUR,
            new Affinity(C.address(), NOW.minusSeconds(1)), 1, B, new Affinity(B.address(), NOW)),
        Arguments.of("affinity off ignores an old entry", List.of(A, B, C), null,
            new Affinity(C.address(), NOW), 0, A, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chooseCases")
  void choose(String name, List<Endpoint> candidates, Duration timeout, Affinity existing, int randomIndex,
      Endpoint expected, Affinity expectedAffinity) {
    Choice choice = EndpointSelector.choose(candidates, timeout, existing, NOW, bound -> randomIndex);
    assertThat(choice.endpoint()).isEqualTo(expected);
    assertThat(choice.affinity()).isEqualTo(expectedAffinity);
  }

  @Test
  void randomChoiceSpreadsEvenly() {
    Random random = new Random(42);
    Map<Endpoint, Integer> counts = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      counts.merge(EndpointSelector.choose(List.of(A, B, C), null, null, NOW, random::nextInt).endpoint(), 1, Integer::sum);
    }
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
  }

  @Test
  void affinityPickIsTheSameForAClientWhateverTheCandidateOrder() {
    for (int client = 1; client <= 50; client++) {
      String ip = "127.55.0." + client;
      Endpoint forward = List.of(A, B, C).get(EndpointSelector.rendezvousIndex(ip, List.of(A, B, C)));
      Endpoint reverse = List.of(C, B, A).get(EndpointSelector.rendezvousIndex(ip, List.of(C, B, A)));
      assertThat(reverse).as(ip).isEqualTo(forward);
    }
  }

  @Test
  void affinityPicksSpreadClientsOverEndpointsAndOnlyMoveTheLeaversClients() {
    Map<Endpoint, Integer> counts = new HashMap<>();
    int moved = 0;
    for (int client = 0; client < 3000; client++) {
      String ip = "127.55." + (client / 250) + "." + (client % 250);
      Endpoint withC = List.of(A, B, C).get(EndpointSelector.rendezvousIndex(ip, List.of(A, B, C)));
      counts.merge(withC, 1, Integer::sum);
      Endpoint withoutC = List.of(A, B).get(EndpointSelector.rendezvousIndex(ip, List.of(A, B)));
      if (withC != C && withoutC != withC) moved++;
    }
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
    assertThat(moved).as("clients of A or B that moved when C left").isZero();
  }
}
