package io.svclab.cli.describe;

import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Event;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/** {@code kubectl describe endpoints}: each subset's ready and not-ready addresses and ports. */
public final class EndpointsDescription {
  private EndpointsDescription() {}

  public static String render(EndpointsObject ep, List<Event> events, Instant now, ZoneId zone) {
    DescribeWriter w = new DescribeWriter(now, zone);
    w.write(DescribeWriter.LEVEL_0, "Name:\t%s\n", ep.getMetadata().getName());
    w.write(DescribeWriter.LEVEL_0, "Namespace:\t%s\n", ep.getMetadata().getNamespace());
    w.labels("Labels", ep.getMetadata().getLabelsMap());
    w.annotations("Annotations", ep.getMetadata().getAnnotationsMap());
    w.write(DescribeWriter.LEVEL_0, "Subsets:\n");
    for (EndpointSubset subset : ep.getSubsetsList()) {
      w.write(DescribeWriter.LEVEL_1, "Addresses:\t%s\n", ips(subset.getAddressesList()));
      w.write(DescribeWriter.LEVEL_1, "NotReadyAddresses:\t%s\n", ips(subset.getNotReadyAddressesList()));
      if (subset.getPortsCount() > 0) {
        w.write(DescribeWriter.LEVEL_1, "Ports:\n");
        w.write(DescribeWriter.LEVEL_2, "Name\tPort\tProtocol\n");
        w.write(DescribeWriter.LEVEL_2, "----\t----\t--------\n");
        for (EndpointPort p : subset.getPortsList()) {
          w.write(DescribeWriter.LEVEL_2, "%s\t%d\t%s\n", p.getName().isEmpty() ? "<unset>" : p.getName(), p.getPort(), p.getProtocol());
        }
      }
      w.write(DescribeWriter.LEVEL_0, "\n");
    }
    w.events(events);
    return w.render();
  }

  private static String ips(List<EndpointAddress> addresses) {
    String s = addresses.stream().map(EndpointAddress::getIp).collect(Collectors.joining(","));
    return s.isEmpty() ? "<none>" : s;
  }
}
