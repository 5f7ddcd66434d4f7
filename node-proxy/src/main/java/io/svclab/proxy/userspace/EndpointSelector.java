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
 * keeps it while that endpoint is still a candidate; otherwise it gets a fresh random pick.
 * No candidates: no endpoint, the caller rejects.
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
