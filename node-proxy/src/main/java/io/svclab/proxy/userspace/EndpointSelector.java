package io.svclab.proxy.userspace;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.EndpointCategories;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Which endpoint one new connection (or UDP flow) goes to. Pure: randomness and time come in
 * as arguments.
 *
 * <p>Rule: the candidates are the port's usable endpoints for the traffic's policy ({@link
 * #usable}): ClusterIP traffic follows internalTrafficPolicy, NodePort / LoadBalancer /
 * externalIP traffic follows externalTrafficPolicy; Local means this node's endpoints only.
 * Ready endpoints first, Serving+Terminating ones only when none is Ready ({@link
 * EndpointCategories}). Among the candidates the choice is uniform random (kube-proxy's
 * iptables probabilities give the same distribution). With {@code sessionAffinity: ClientIP}
 * a client IP that used an endpoint within the timeout (measured from its last connection)
 * keeps it while that endpoint is still a candidate; otherwise it gets a fresh pick.
 * No candidates: no endpoint, the caller rejects.
 *
 * <p>Why the affinity pick is a hash, not a die: on one host every node's proxy shares each
 * ClusterIP listener (SO_REUSEPORT), and the kernel hands a client's connections to any of
 * them, each with its own affinity table. A fresh pick by rendezvous hash of (client IP,
 * endpoint) makes every proxy choose the same endpoint for a client without talking to the
 * others; across clients it spreads as evenly as a random pick, and when an endpoint leaves
 * only its own clients move.
 */
public final class EndpointSelector {
  private EndpointSelector() {}

  /** Where the traffic entered: the ClusterIP, or a node/external address. */
  public enum Traffic { INTERNAL, EXTERNAL }

  /** The client's pinned endpoint and when it was last used. */
  public record Affinity(String endpoint, Instant lastUsed) {}

  /**
   * @param endpoint null when there is no candidate
   * @param affinity the entry to remember for the client (null when affinity is off or no endpoint)
   */
  public record Choice(Endpoint endpoint, Affinity affinity) {
    static final Choice NONE = new Choice(null, null);
  }

  public static List<Endpoint> usable(ServicePortInfo port, Traffic traffic) {
    EndpointCategories categories = EndpointCategories.categorize(port);
    boolean local = traffic == Traffic.INTERNAL ? port.internalPolicyLocal() : port.externalPolicyLocal();
    return local ? categories.local() : categories.cluster();
  }

  /** The index of the candidate a client's affinity pick lands on: highest rendezvous weight of (client, endpoint). */
  public static int rendezvousIndex(String clientIp, List<Endpoint> candidates) {
    int best = 0;
    long bestWeight = Long.MIN_VALUE;
    for (int i = 0; i < candidates.size(); i++) {
      long w = mix(((long) clientIp.hashCode() << 32) ^ (candidates.get(i).address().hashCode() & 0xffffffffL));
      if (w > bestWeight) {
        bestWeight = w;
        best = i;
      }
    }
    return best;
  }

  /** splitmix64's finaliser: String.hashCode is fixed by the language, so every JVM weighs alike. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * @param affinityTimeout null when sessionAffinity is None
   * @param existing        the client's current affinity entry, or null
   * @param random          bound -> an index in [0, bound)
   */
  public static Choice choose(List<Endpoint> candidates, Duration affinityTimeout, Affinity existing, Instant now,
      IntUnaryOperator random) {
    if (candidates.isEmpty()) return Choice.NONE;
    if (affinityTimeout != null && existing != null
        && !now.isAfter(existing.lastUsed().plus(affinityTimeout))) {
      for (Endpoint e : candidates) {
        if (e.address().equals(existing.endpoint())) return new Choice(e, new Affinity(e.address(), now));
      }
    }
    Endpoint picked = candidates.get(random.applyAsInt(candidates.size()));
    return new Choice(picked, affinityTimeout == null ? null : new Affinity(picked.address(), now));
  }
}
