package io.svclab.proxy.nftables;

import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rendered {@code table ip kube-proxy} split by owner: the base objects (table, maps, sets,
 * hook chains) and each Service's ({@code namespace/name}) chains, rules, map elements and
 * affinity sets, so that a partial sync can re-render and diff only the Services that changed.
 * Immutable; {@link #lines()} is what {@link NftablesRenderer#render} gives.
 */
public record NftState(List<String> base, Map<String, List<String>> services) {
  public NftState {
    base = List.copyOf(base);
    services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
  }

  public static NftState render(ProxySnapshot snapshot, NftContext ctx) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    byService(snapshot).forEach((key, ports) -> out.put(key, renderPorts(ports, ctx)));
    return new NftState(NftablesRenderer.baseRules(ctx), out);
  }

  /** This state with the lines of {@code changed} Services rendered again from {@code snapshot} (absent: removed). */
  public NftState replacing(Set<String> changed, ProxySnapshot snapshot, NftContext ctx) {
    Map<String, List<ServicePortInfo>> ports = byService(snapshot);
    Map<String, List<String>> out = new LinkedHashMap<>(services);
    for (String key : changed) {
      List<ServicePortInfo> now = ports.get(key);
      if (now == null) out.remove(key);
      else out.put(key, renderPorts(now, ctx));
    }
    return new NftState(NftablesRenderer.baseRules(ctx), out);
  }

  public List<String> lines() {
    List<String> out = new ArrayList<>(base);
    services.values().forEach(out::addAll);
    return out;
  }

  private static List<String> renderPorts(List<ServicePortInfo> ports, NftContext ctx) {
    List<String> lines = new ArrayList<>();
    for (ServicePortInfo port : ports) NftablesRenderer.servicePort(port, ctx, lines);
    return List.copyOf(lines);
  }

  private static Map<String, List<ServicePortInfo>> byService(ProxySnapshot snapshot) {
    Map<String, List<ServicePortInfo>> out = new LinkedHashMap<>();
    for (ServicePortInfo port : snapshot.servicePorts()) {
      out.computeIfAbsent(port.name().serviceKey(), k -> new ArrayList<>()).add(port);
    }
    return out;
  }
}
