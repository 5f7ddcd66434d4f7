package io.svclab.cloudlb.balancer;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Where one listener sends a new connection: the hosts' {@code nodePort}, for
 * externalTrafficPolicy Local only the healthy ones, starting at a rotating index so
 * connections spread round-robin; the rest are fallbacks if the connect fails. A port
 * without a NodePort (allocateLoadBalancerNodePorts false) goes to {@code direct}: the
 * ready endpoints themselves.
 */
record Route(BalancerSpec spec, int nodePort, List<NodeTarget> hosts, List<InetSocketAddress> direct) {
  List<InetSocketAddress> candidates(long turn, BiPredicate<String, Integer> healthy) {
    if (nodePort <= 0) {
      if (direct.isEmpty()) return List.of();
      List<InetSocketAddress> out = new ArrayList<>(direct.size());
      int start = (int) Math.floorMod(turn, (long) direct.size());
      for (int i = 0; i < direct.size(); i++) out.add(direct.get((start + i) % direct.size()));
      return out;
    }
    List<NodeTarget> usable = spec.local()
        ? hosts.stream().filter(h -> healthy.test(h.address(), spec.healthCheckNodePort())).toList()
        : hosts;
    if (usable.isEmpty() || nodePort <= 0) return List.of();
    List<InetSocketAddress> out = new ArrayList<>(usable.size());
    int start = (int) Math.floorMod(turn, (long) usable.size());
    for (int i = 0; i < usable.size(); i++) {
      NodeTarget h = usable.get((start + i) % usable.size());
      out.add(new InetSocketAddress(h.address(), nodePort));
    }
    return out;
  }
}
