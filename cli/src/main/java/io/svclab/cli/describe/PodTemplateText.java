package io.svclab.cli.describe;

import static io.svclab.cli.describe.DescribeWriter.LEVEL_0;
import static io.svclab.cli.describe.DescribeWriter.LEVEL_1;
import static io.svclab.cli.describe.DescribeWriter.LEVEL_2;
import static io.svclab.cli.describe.DescribeWriter.LEVEL_3;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.EnvVar;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Probe;
import io.svclab.api.v1.Toleration;
import io.svclab.api.v1.Volume;
import io.svclab.api.v1.VolumeMount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The parts kubectl describe shares between pods and pod templates: containers, volumes, tolerations. */
final class PodTemplateText {
  private PodTemplateText() {}

  static void containers(DescribeWriter w, String label, List<Container> containers, List<ContainerStatus> statuses, String space) {
    Map<String, ContainerStatus> byName = new HashMap<>();
    statuses.forEach(s -> byName.put(s.getName(), s));
    w.write(LEVEL_0, "%s%s:%s\n", space, label, containers.isEmpty() ? " <none>" : "");
    for (Container c : containers) {
      ContainerStatus status = byName.get(c.getName());
      w.write(LEVEL_1, "%s%s:\n", space.isEmpty() ? "" : " ", c.getName());
      if (status != null) {
        w.write(LEVEL_2, "Container ID:\t%s\n", status.getContainerId());
      }
      w.write(LEVEL_2, "Image:\t%s\n", c.getImage());
      if (status != null) {
        w.write(LEVEL_2, "Image ID:\t%s\n", status.getImageId());
      }
      String ports = c.getPortsList().stream().map(p -> p.getContainerPort() + "/" + p.getProtocol()).collect(Collectors.joining(", "));
      w.write(LEVEL_2, ports.contains(",") ? "Ports:\t%s\n" : "Port:\t%s\n", ports.isEmpty() ? "<none>" : ports);
      String hostPorts = c.getPortsList().stream().map(p -> p.getHostPort() + "/" + p.getProtocol()).collect(Collectors.joining(", "));
      w.write(LEVEL_2, hostPorts.contains(",") ? "Host Ports:\t%s\n" : "Host Port:\t%s\n", hostPorts.isEmpty() ? "<none>" : hostPorts);
      lines(w, "Command", c.getCommandList());
      lines(w, "Args", c.getArgsList());
      if (status != null) {
        state(w, "State", status.getState());
        if (status.getLastState().hasTerminated()) {
          state(w, "Last State", status.getLastState());
        }
        w.write(LEVEL_2, "Ready:\t%s\n", status.getReady() ? "True" : "False");
        w.write(LEVEL_2, "Restart Count:\t%d\n", status.getRestartCount());
      }
      resources(w, "Limits", c.getResources().getLimitsMap());
      resources(w, "Requests", c.getResources().getRequestsMap());
      if (c.hasLivenessProbe()) {
        w.write(LEVEL_2, "Liveness:\t%s\n", probe(c.getLivenessProbe()));
      }
      if (c.hasReadinessProbe()) {
        w.write(LEVEL_2, "Readiness:\t%s\n", probe(c.getReadinessProbe()));
      }
      if (c.hasStartupProbe()) {
        w.write(LEVEL_2, "Startup:\t%s\n", probe(c.getStartupProbe()));
      }
      w.write(LEVEL_2, "Environment:%s\n", c.getEnvCount() == 0 ? "\t<none>" : "");
      for (EnvVar e : c.getEnvList()) {
        if (e.hasValueFrom()) {
          String from = e.getValueFrom().hasFieldRef() ? "(" + e.getValueFrom().getFieldRef().getApiVersion() + ":"
              + e.getValueFrom().getFieldRef().getFieldPath() + ")" : "<set from a reference>";
          w.write(LEVEL_3, "%s:\t %s\n", e.getName(), from);
          continue;
        }
        String[] parts = e.getValue().split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
          w.write(LEVEL_3, i == 0 ? e.getName() + ":\t%s\n" : "\t%s\n", parts[i]);
        }
      }
      w.write(LEVEL_2, "Mounts:%s\n", c.getVolumeMountsCount() == 0 ? "\t<none>" : "");
      List<VolumeMount> mounts = new ArrayList<>(c.getVolumeMountsList());
      mounts.sort(Comparator.comparing(VolumeMount::getMountPath));
      for (VolumeMount m : mounts) {
        String flags = (m.getReadOnly() ? "ro" : "rw") + (m.getSubPath().isEmpty() ? "" : ",path=\"" + m.getSubPath() + "\"");
        w.write(LEVEL_3, "%s from %s (%s)\n", m.getMountPath(), m.getName(), flags);
      }
    }
  }

  private static void lines(DescribeWriter w, String title, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    w.write(LEVEL_2, "%s:\n", title);
    for (String v : values) {
      for (String s : v.split("\n", -1)) {
        w.write(LEVEL_3, "%s\n", s);
      }
    }
  }

  private static void resources(DescribeWriter w, String title, Map<String, String> list) {
    if (list.isEmpty()) {
      return;
    }
    w.write(LEVEL_2, "%s:\n", title);
    new TreeMap<>(list).forEach((k, v) -> w.write(LEVEL_3, "%s:\t%s\n", k, v));
  }

  private static void state(DescribeWriter w, String name, ContainerState s) {
    if (s.hasRunning()) {
      w.write(LEVEL_2, "%s:\tRunning\n", name);
      w.write(LEVEL_3, "Started:\t%s\n", w.time(s.getRunning().getStartedAt()));
    } else if (s.hasWaiting()) {
      w.write(LEVEL_2, "%s:\tWaiting\n", name);
      if (!s.getWaiting().getReason().isEmpty()) {
        w.write(LEVEL_3, "Reason:\t%s\n", s.getWaiting().getReason());
      }
    } else if (s.hasTerminated()) {
      var t = s.getTerminated();
      w.write(LEVEL_2, "%s:\tTerminated\n", name);
      if (!t.getReason().isEmpty()) {
        w.write(LEVEL_3, "Reason:\t%s\n", t.getReason());
      }
      if (!t.getMessage().isEmpty()) {
        w.write(LEVEL_3, "Message:\t%s\n", t.getMessage());
      }
      w.write(LEVEL_3, "Exit Code:\t%d\n", t.getExitCode());
      if (t.getSignal() > 0) {
        w.write(LEVEL_3, "Signal:\t%d\n", t.getSignal());
      }
      w.write(LEVEL_3, "Started:\t%s\n", w.time(t.getStartedAt()));
      w.write(LEVEL_3, "Finished:\t%s\n", w.time(t.getFinishedAt()));
    } else {
      w.write(LEVEL_2, "%s:\tWaiting\n", name);
    }
  }

  static String intOrString(IntOrString v) {
    return v.hasName() ? v.getName() : Integer.toString(v.getNumber());
  }

  /** kubectl's DescribeProbe, e.g. {@code http-get http://:80/ delay=0s timeout=1s period=10s #success=1 #failure=3}. */
  static String probe(Probe p) {
    String attrs = String.format("delay=%ds timeout=%ds period=%ds #success=%d #failure=%d", p.getInitialDelaySeconds(),
        p.getTimeoutSeconds(), p.getPeriodSeconds(), p.getSuccessThreshold(), p.getFailureThreshold());
    if (p.hasExec()) {
      return "exec [" + String.join(" ", p.getExec().getCommandList()) + "] " + attrs;
    }
    if (p.hasHttpGet()) {
      var h = p.getHttpGet();
      String port = intOrString(h.getPort());
      return "http-get " + h.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + h.getHost() + ":" + port + h.getPath() + " " + attrs;
    }
    if (p.hasTcpSocket()) {
      return "tcp-socket " + p.getTcpSocket().getHost() + ":" + intOrString(p.getTcpSocket().getPort()) + " " + attrs;
    }
    if (p.hasGrpc()) {
      return "grpc <pod>:" + p.getGrpc().getPort() + " " + p.getGrpc().getService() + " " + attrs;
    }
    return "unknown " + attrs;
  }

  static void volumes(DescribeWriter w, List<Volume> volumes, String space) {
    if (volumes.isEmpty()) {
      w.write(LEVEL_0, "%sVolumes:\t<none>\n", space);
      return;
    }
    w.write(LEVEL_0, "%sVolumes:\n", space);
    for (Volume v : volumes) {
      w.write(LEVEL_1, "%s%s:\n", space.isEmpty() ? "" : " ", v.getName());
      if (v.hasEmptyDir()) {
        w.write(LEVEL_2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t%s\n    SizeLimit:\t%s\n",
            v.getEmptyDir().getMedium(), v.getEmptyDir().getSizeLimit().isEmpty() ? "<unset>" : v.getEmptyDir().getSizeLimit());
      } else if (v.hasConfigMap()) {
        w.write(LEVEL_2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t%s\n    Optional:\t%s\n",
            v.getConfigMap().getName(), "false");
      } else {
        w.write(LEVEL_1, "<unknown>\n");
      }
    }
  }

  static void tolerations(DescribeWriter w, String title, List<Toleration> tolerations) {
    w.write(LEVEL_0, "%s:\t", title);
    if (tolerations.isEmpty()) {
      w.writeLine("<none>");
      return;
    }
    boolean first = true;
    for (Toleration t : tolerations) {
      if (!first) {
        w.write(LEVEL_0, "\t");
      }
      first = false;
      StringBuilder s = new StringBuilder(t.getKey());
      if (!t.getValue().isEmpty()) {
        s.append('=').append(t.getValue());
      }
      if (!t.getEffect().isEmpty()) {
        s.append(':').append(t.getEffect());
      }
      if ("Exists".equals(t.getOperator()) && t.getValue().isEmpty()) {
        s.append(t.getKey().isEmpty() && t.getEffect().isEmpty() ? "op=Exists" : " op=Exists");
      }
      if (t.hasTolerationSeconds()) {
        s.append(" for ").append(t.getTolerationSeconds()).append('s');
      }
      w.write(LEVEL_0, "%s\n", s);
    }
  }
}
