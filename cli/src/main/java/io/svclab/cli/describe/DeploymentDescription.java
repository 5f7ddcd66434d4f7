package io.svclab.cli.describe;

import static io.svclab.cli.describe.DescribeWriter.LEVEL_0;
import static io.svclab.cli.describe.DescribeWriter.LEVEL_1;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentCondition;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.LabelSelectorRequirement;
import io.svclab.api.v1.PodTemplateSpec;
import io.svclab.api.v1.ReplicaSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code kubectl describe deployment}: replicas, strategy, pod template, conditions, ReplicaSets, Events. */
public final class DeploymentDescription {
  static final String POD_TEMPLATE_HASH = "pod-template-hash";

  private DeploymentDescription() {}

  public static String render(Deployment d, List<ReplicaSet> owned, List<Event> events, Instant now, ZoneId zone) {
    DescribeWriter w = new DescribeWriter(now, zone);
    var spec = d.getSpec();
    var status = d.getStatus();
    w.write(LEVEL_0, "Name:\t%s\n", d.getMetadata().getName());
    w.write(LEVEL_0, "Namespace:\t%s\n", d.getMetadata().getNamespace());
    w.write(LEVEL_0, "CreationTimestamp:\t%s\n", w.time(d.getMetadata().getCreationTimestamp()));
    w.labels("Labels", d.getMetadata().getLabelsMap());
    w.annotations("Annotations", d.getMetadata().getAnnotationsMap());
    w.write(LEVEL_0, "Selector:\t%s\n", selector(spec.getSelector()));
    w.write(LEVEL_0, "Replicas:\t%d desired | %d updated | %d total | %d available | %d unavailable\n", spec.getReplicas(),
        status.getUpdatedReplicas(), status.getReplicas(), status.getAvailableReplicas(), status.getUnavailableReplicas());
    w.write(LEVEL_0, "StrategyType:\t%s\n", spec.getStrategy().getType());
    w.write(LEVEL_0, "MinReadySeconds:\t%d\n", spec.getMinReadySeconds());
    if (spec.getStrategy().hasRollingUpdate()) {
      var ru = spec.getStrategy().getRollingUpdate();
      w.write(LEVEL_0, "RollingUpdateStrategy:\t%s max unavailable, %s max surge\n",
          PodTemplateText.intOrString(ru.getMaxUnavailable()), PodTemplateText.intOrString(ru.getMaxSurge()));
    }
    podTemplate(w, spec.getTemplate());
    if (status.getConditionsCount() > 0) {
      w.write(LEVEL_0, "Conditions:\n  Type\tStatus\tReason\n");
      w.write(LEVEL_1, "----\t------\t------\n");
      for (DeploymentCondition c : status.getConditionsList()) {
        w.write(LEVEL_1, "%s \t%s\t%s\n", c.getType(), c.getStatus(), c.getReason());
      }
    }
    ReplicaSet newest = newReplicaSet(d, owned);
    List<ReplicaSet> old = owned.stream().filter(rs -> rs != newest && rs.getSpec().getReplicas() > 0)
        .sorted(Comparator.comparing(rs -> rs.getMetadata().getName())).toList();
    if (!owned.isEmpty()) {
      w.write(LEVEL_0, "OldReplicaSets:\t%s\n", replicaSets(old));
      w.write(LEVEL_0, "NewReplicaSet:\t%s\n", replicaSets(newest == null ? List.of() : List.of(newest)));
    }
    w.events(events);
    return w.render();
  }

  private static void podTemplate(DescribeWriter w, PodTemplateSpec t) {
    w.write(LEVEL_0, "Pod Template:\n");
    w.labels("  Labels", t.getMetadata().getLabelsMap());
    if (t.getMetadata().getAnnotationsCount() > 0) {
      w.annotations("  Annotations", t.getMetadata().getAnnotationsMap());
    }
    if (!t.getSpec().getServiceAccountName().isEmpty()) {
      w.write(LEVEL_1, "Service Account:\t%s\n", t.getSpec().getServiceAccountName());
    }
    if (t.getSpec().getInitContainersCount() > 0) {
      PodTemplateText.containers(w, "Init Containers", t.getSpec().getInitContainersList(), List.of(), "  ");
    }
    PodTemplateText.containers(w, "Containers", t.getSpec().getContainersList(), List.of(), "  ");
    PodTemplateText.volumes(w, t.getSpec().getVolumesList(), "  ");
    w.labels("  Node-Selectors", t.getSpec().getNodeSelectorMap());
    PodTemplateText.tolerations(w, "  Tolerations", t.getSpec().getTolerationsList());
  }

  /** The ReplicaSet whose template is the Deployment's (ignoring the hash label), as deploymentutil.FindNewReplicaSet. */
  static ReplicaSet newReplicaSet(Deployment d, List<ReplicaSet> owned) {
    PodTemplateSpec want = withoutHash(d.getSpec().getTemplate());
    return owned.stream().filter(rs -> withoutHash(rs.getSpec().getTemplate()).equals(want))
        .min(Comparator.comparing(rs -> rs.getMetadata().getCreationTimestamp().getSeconds())).orElse(null);
  }

  private static PodTemplateSpec withoutHash(PodTemplateSpec t) {
    return t.toBuilder().setMetadata(t.getMetadata().toBuilder().removeLabels(POD_TEMPLATE_HASH)).build();
  }

  private static String replicaSets(List<ReplicaSet> sets) {
    if (sets.isEmpty()) {
      return "<none>";
    }
    return sets.stream().map(rs -> String.format(Locale.ROOT, "%s (%d/%d replicas created)", rs.getMetadata().getName(),
        rs.getStatus().getReplicas(), rs.getSpec().getReplicas())).collect(Collectors.joining(", "));
  }

  /** metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, {@code <none>} when empty. */
  static String selector(LabelSelector s) {
    List<String[]> reqs = new ArrayList<>();
    s.getMatchLabelsMap().forEach((k, v) -> reqs.add(new String[] {k, k + "=" + v}));
    for (LabelSelectorRequirement r : s.getMatchExpressionsList()) {
      List<String> values = r.getValuesList().stream().sorted().toList();
      String text = switch (r.getOperator()) {
        case "In" -> r.getKey() + " in (" + String.join(",", values) + ")";
        case "NotIn" -> r.getKey() + " notin (" + String.join(",", values) + ")";
        case "Exists" -> r.getKey();
        case "DoesNotExist" -> "!" + r.getKey();
        default -> r.getKey() + " " + r.getOperator();
      };
      reqs.add(new String[] {r.getKey(), text});
    }
    reqs.sort(Comparator.comparing(a -> a[0]));
    return reqs.isEmpty() ? "<none>" : reqs.stream().map(a -> a[1]).collect(Collectors.joining(","));
  }
}
