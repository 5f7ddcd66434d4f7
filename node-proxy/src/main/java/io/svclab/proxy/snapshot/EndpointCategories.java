package io.svclab.proxy.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which endpoints of a Service port this node may use, after kube-proxy's CategorizeEndpoints
 * (pkg/proxy/topology.go), without topology hints (svclab nodes have no zones).
 *
 * <p>Rule: <b>cluster</b> endpoints (for traffic policy Cluster) are the Ready endpoints
 * anywhere; <b>local</b> endpoints (for policy Local) are the Ready endpoints whose nodeName
 * is this node. Fallback, independently for each list: when it would be empty, it takes the
 * endpoints that are Serving <i>and</i> Terminating instead (cluster-wide, or on this node).
 * A list is only computed when the port uses that policy ({@link
 * ServicePortInfo#usesClusterEndpoints()}, {@link ServicePortInfo#usesLocalEndpoints()});
 * otherwise it is empty. {@code hasAnyEndpoints} says whether any usable endpoint exists
 * anywhere in the cluster (so a Local-only port with none here is "no local endpoints",
 * not "no endpoints").
 */
public record EndpointCategories(List<Endpoint> cluster, List<Endpoint> local, List<Endpoint> allReachable,
    boolean hasAnyEndpoints) {

  public static EndpointCategories categorize(ServicePortInfo port) {
    List<Endpoint> endpoints = port.endpoints();
    List<Endpoint> cluster = List.of();
    List<Endpoint> local = List.of();
    boolean hasAny = false;
    if (port.usesClusterEndpoints()) {
      cluster = filter(endpoints, Endpoint::ready);
      if (cluster.isEmpty()) cluster = filter(endpoints, e -> e.serving() && e.terminating());
      hasAny = !cluster.isEmpty();
    }
    if (port.usesLocalEndpoints()) {
      hasAny |= endpoints.stream().anyMatch(e -> e.ready() || (e.serving() && e.terminating()));
      local = filter(endpoints, e -> e.local() && e.ready());
      if (local.isEmpty()) local = filter(endpoints, e -> e.local() && e.serving() && e.terminating());
    }
    Map<String, Endpoint> union = new LinkedHashMap<>();
    cluster.forEach(e -> union.put(e.address(), e));
    local.forEach(e -> union.put(e.address(), e));
    return new EndpointCategories(cluster, local, List.copyOf(union.values()), hasAny);
  }

  private static List<Endpoint> filter(List<Endpoint> endpoints, Predicate<Endpoint> keep) {
    List<Endpoint> out = new ArrayList<>();
    for (Endpoint e : endpoints) if (keep.test(e)) out.add(e);
    return List.copyOf(out);
  }
}
