package io.svclab.cli.describe;

import static io.svclab.cli.describe.DescribeWriter.LEVEL_0;
import static io.svclab.cli.describe.DescribeWriter.LEVEL_1;

import io.svclab.api.v1.Event;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.Taint;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code kubectl describe node}: the node's own fields (roles, taints, conditions, addresses,
 * capacity, system info, pod CIDRs) and its Events. The pod and resource summary kubectl adds
 * (Non-terminated Pods, Allocated resources) is not rendered.
 */
public final class NodeDescription {
  private static final String ROLE_PREFIX = "node-role.kubernetes.io/";

  private NodeDescription() {}

  public static String render(Node node, List<Event> events, Instant now, ZoneId zone) {
    DescribeWriter w = new DescribeWriter(now, zone);
    var meta = node.getMetadata();
    var spec = node.getSpec();
    var status = node.getStatus();
    w.write(LEVEL_0, "Name:\t%s\n", meta.getName());
    TreeSet<String> roles = new TreeSet<>();
    meta.getLabelsMap().forEach((k, v) -> {
      if (k.startsWith(ROLE_PREFIX) && k.length() > ROLE_PREFIX.length()) {
        roles.add(k.substring(ROLE_PREFIX.length()));
      } else if (k.equals("kubernetes.io/role") && !v.isEmpty()) {
        roles.add(v);
      }
    });
    w.write(LEVEL_0, "Roles:\t%s\n", roles.isEmpty() ? "<none>" : String.join(",", roles));
    w.labels("Labels", meta.getLabelsMap());
    w.annotations("Annotations", meta.getAnnotationsMap());
    w.write(LEVEL_0, "CreationTimestamp:\t%s\n", w.time(meta.getCreationTimestamp()));
    w.write(LEVEL_0, "Taints:\t");
    if (spec.getTaintsCount() == 0) {
      w.writeLine("<none>");
    } else {
      List<Taint> taints = new ArrayList<>(spec.getTaintsList());
      taints.sort(Comparator.comparing(t -> t.getEffect() + "," + t.getKey()));
      for (int i = 0; i < taints.size(); i++) {
        Taint t = taints.get(i);
        w.write(LEVEL_0, "%s%s%s:%s\n", i == 0 ? "" : "\t", t.getKey(), t.getValue().isEmpty() ? "" : "=" + t.getValue(), t.getEffect());
      }
    }
    w.write(LEVEL_0, "Unschedulable:\t%s\n", spec.getUnschedulable());
    if (status.getConditionsCount() > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
      w.write(LEVEL_1, "----\t------\t-----------------\t------------------\t------\t-------\n");
      for (NodeCondition c : status.getConditionsList()) {
        w.write(LEVEL_1, "%s \t%s \t%s \t%s \t%s \t%s\n", c.getType(), c.getStatus(), w.time(c.getLastHeartbeatTime()),
            w.time(c.getLastTransitionTime()), c.getReason(), c.getMessage());
      }
    }
    w.write(LEVEL_0, "Addresses:\n");
    for (NodeAddress a : status.getAddressesList()) {
      w.write(LEVEL_1, "%s:\t%s\n", a.getType(), a.getAddress());
    }
    resources(w, "Capacity", status.getCapacityMap());
    resources(w, "Allocatable", status.getAllocatableMap());
    var info = status.getNodeInfo();
    w.write(LEVEL_0, "System Info:\n");
    w.write(LEVEL_0, "  Machine ID:\t%s\n", info.getMachineId());
    w.write(LEVEL_0, "  System UUID:\t%s\n", "");
    w.write(LEVEL_0, "  Boot ID:\t%s\n", "");
    w.write(LEVEL_0, "  Kernel Version:\t%s\n", info.getKernelVersion());
    w.write(LEVEL_0, "  OS Image:\t%s\n", info.getOsImage());
    w.write(LEVEL_0, "  Operating System:\t%s\n", info.getOperatingSystem());
    w.write(LEVEL_0, "  Architecture:\t%s\n", info.getArchitecture());
    w.write(LEVEL_0, "  Container Runtime Version:\t%s\n", info.getContainerRuntimeVersion());
    w.write(LEVEL_0, "  Kubelet Version:\t%s\n", info.getKubeletVersion());
    w.write(LEVEL_0, "  Kube-Proxy Version:\t%s\n", info.getKubeProxyVersion());
    if (!spec.getPodCidr().isEmpty()) {
      w.write(LEVEL_0, "PodCIDR:\t%s\n", spec.getPodCidr());
    }
    if (spec.getPodCidrsCount() > 0) {
      w.write(LEVEL_0, "PodCIDRs:\t%s\n", String.join(",", spec.getPodCidrsList()));
    }
    if (!spec.getProviderId().isEmpty()) {
      w.write(LEVEL_0, "ProviderID:\t%s\n", spec.getProviderId());
    }
    w.events(events);
    return w.render();
  }

  /** Sorted by name, as kubectl's SortableResourceNames. */
  private static void resources(DescribeWriter w, String title, Map<String, String> list) {
    if (list.isEmpty()) {
      return;
    }
    w.write(LEVEL_0, "%s:\n", title);
    new java.util.TreeMap<>(list).forEach((k, v) -> w.write(LEVEL_0, "  %s:\t%s\n", k, v));
  }
}
