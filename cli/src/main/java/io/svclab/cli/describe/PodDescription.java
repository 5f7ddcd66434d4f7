package io.svclab.cli.describe;

import static io.svclab.cli.describe.DescribeWriter.LEVEL_0;
import static io.svclab.cli.describe.DescribeWriter.LEVEL_1;

import io.svclab.api.v1.Event;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** {@code kubectl describe pod}. */
public final class PodDescription {
  private PodDescription() {}

  public static String render(Pod pod, List<Event> events, Instant now, ZoneId zone) {
    DescribeWriter w = new DescribeWriter(now, zone);
    var meta = pod.getMetadata();
    var spec = pod.getSpec();
    var status = pod.getStatus();
    w.write(LEVEL_0, "Name:\t%s\n", meta.getName());
    w.write(LEVEL_0, "Namespace:\t%s\n", meta.getNamespace());
    if (!spec.getServiceAccountName().isEmpty()) {
      w.write(LEVEL_0, "Service Account:\t%s\n", spec.getServiceAccountName());
    }
    w.write(LEVEL_0, spec.getNodeName().isEmpty() ? "Node:\t<none>\n" : "Node:\t%s\n", spec.getNodeName() + "/" + status.getHostIp());
    if (status.hasStartTime()) {
      w.write(LEVEL_0, "Start Time:\t%s\n", w.time(status.getStartTime()));
    }
    w.labels("Labels", meta.getLabelsMap());
    w.annotations("Annotations", meta.getAnnotationsMap());
    if (meta.hasDeletionTimestamp() && !"Failed".equals(status.getPhase()) && !"Succeeded".equals(status.getPhase())) {
      w.write(LEVEL_0, "Status:\tTerminating (lasts %s)\n", w.since(meta.getDeletionTimestamp()));
      w.write(LEVEL_0, "Termination Grace Period:\t%ds\n", meta.getDeletionGracePeriodSeconds());
    } else {
      w.write(LEVEL_0, "Status:\t%s\n", status.getPhase());
    }
    if (!status.getReason().isEmpty()) {
      w.write(LEVEL_0, "Reason:\t%s\n", status.getReason());
    }
    if (!status.getMessage().isEmpty()) {
      w.write(LEVEL_0, "Message:\t%s\n", status.getMessage());
    }
    w.write(LEVEL_0, "IP:\t%s\n", status.getPodIp());
    if (status.getPodIpsCount() == 0) {
      w.write(LEVEL_0, "IPs:\t<none>\n");
    } else {
      w.write(LEVEL_0, "IPs:\n");
      for (PodIP ip : status.getPodIpsList()) {
        w.write(LEVEL_1, "IP:\t%s\n", ip.getIp());
      }
    }
    for (OwnerReference o : meta.getOwnerReferencesList()) {
      if (o.getController()) {
        w.write(LEVEL_0, "Controlled By:\t%s/%s\n", o.getKind(), o.getName());
        break;
      }
    }
    if (spec.getInitContainersCount() > 0) {
      PodTemplateText.containers(w, "Init Containers", spec.getInitContainersList(), status.getInitContainerStatusesList(), "");
    }
    PodTemplateText.containers(w, "Containers", spec.getContainersList(), status.getContainerStatusesList(), "");
    if (status.getConditionsCount() > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\n");
      for (PodCondition c : status.getConditionsList()) {
        w.write(LEVEL_1, "%s \t%s \n", c.getType(), c.getStatus());
      }
    }
    PodTemplateText.volumes(w, spec.getVolumesList(), "");
    w.write(LEVEL_0, "QoS Class:\t%s\n", status.getQosClass().isEmpty() ? "BestEffort" : status.getQosClass());
    w.labels("Node-Selectors", spec.getNodeSelectorMap());
    PodTemplateText.tolerations(w, "Tolerations", spec.getTolerationsList());
    w.events(events);
    return w.render();
  }
}
