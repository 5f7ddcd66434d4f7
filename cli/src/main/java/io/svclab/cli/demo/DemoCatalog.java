package io.svclab.cli.demo;

import java.util.List;
import java.util.Optional;

/** The ten demos, in the order a newcomer would take them. */
public final class DemoCatalog {
  public static final List<Demo> ALL = List.of(new ClusterIpDemo(), new NodePortDemo(), new LoadBalancerDemo(),
      new HeadlessDemo(), new ExternalNameDemo(), new DnsDemo(), new ReadinessDemo(), new AffinityDemo(),
      new NamespacesDemo(), new DebuggingDemo());

  private DemoCatalog() {}

  public static Optional<Demo> find(String name) {
    return ALL.stream().filter(d -> d.name().equals(name)).findFirst();
  }
}
