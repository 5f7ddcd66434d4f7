package io.svclab.endpoints.events;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.kube.Readiness;
import io.svclab.client.selection.LabelSelectors;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.pods.PodState;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Services a pod change concerns (Kubernetes' GetServicesToUpdateOnPodChange), as
 * {@code namespace/name} keys. An update that changes nothing endpoints are made of
 * concerns nobody; one that changes only labels (or hostname/subdomain) concerns the
 * Services the pod joined or left; one that changes readiness, IPs, phase or deletion
 * concerns every Service selecting the pod before or after.
 */
public final class PodServices {
  private PodServices() {}

  /** A pod added or deleted: every Service of its namespace whose selector matches it. */
  public static Set<String> selecting(Pod pod, Collection<Service> servicesInNamespace) {
    Set<String> keys = new TreeSet<>();
    for (Service service : servicesInNamespace) {
      if (!ServiceTraits.hasSelector(service)) continue;
      if (!service.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace())) continue;
      if (LabelSelectors.ofMap(service.getSpec().getSelectorMap()).matches(pod.getMetadata().getLabelsMap())) {
        keys.add(service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
      }
    }
    return keys;
  }

  /** A pod updated from {@code before} to {@code after}. */
  public static Set<String> onUpdate(Pod before, Pod after, Collection<Service> servicesInNamespace) {
    if (!before.getMetadata().getResourceVersion().isEmpty()
        && before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
      return Set.of(); // a resync of the same version, not a change
    }
    boolean labelsChanged = !before.getMetadata().getLabelsMap().equals(after.getMetadata().getLabelsMap());
    // Hostname and subdomain decide which Service publishes the pod's hostname.
    boolean hostnameChanged = !before.getSpec().getHostname().equals(after.getSpec().getHostname())
        || !before.getSpec().getSubdomain().equals(after.getSpec().getSubdomain());
    boolean endpointChanged = endpointChanged(before, after) || hostnameChanged;
    if (!labelsChanged && !endpointChanged) return Set.of();

    Set<String> now = selecting(after, servicesInNamespace);
    if (!labelsChanged) return now;
    Set<String> was = selecting(before, servicesInNamespace);
    Set<String> keys = new TreeSet<>(now);
    keys.addAll(was);
    if (!endpointChanged) {
      // Only membership moved: a Service selecting the pod before and after sees the same endpoint.
      Set<String> both = new TreeSet<>(now);
      both.retainAll(was);
      keys.removeAll(both);
    }
    return keys;
  }

  /**
   * Kubernetes' podEndpointsChanged, plus the phase: a pod turning Succeeded or Failed
   * leaves the endpoints even when its Ready condition was not updated with it.
   */
  static boolean endpointChanged(Pod before, Pod after) {
    if (before.getMetadata().hasDeletionTimestamp() != after.getMetadata().hasDeletionTimestamp()
        || !Objects.equals(before.getMetadata().getDeletionTimestamp(), after.getMetadata().getDeletionTimestamp())) {
      return true;
    }
    if (Readiness.isReady(before) != Readiness.isReady(after)) return true;
    if (!before.getStatus().getPhase().equals(after.getStatus().getPhase())) return true;
    if (!before.getSpec().getNodeName().equals(after.getSpec().getNodeName())) return true;
    List<String> beforeIps = PodState.ips(before);
    return !beforeIps.equals(PodState.ips(after));
  }
}
