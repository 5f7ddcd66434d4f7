package io.svclab.cli.trace;

import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.kube.Readiness;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a Service has no endpoints, in the words of seed 002's troubleshooting table ("Connection
 * Refused": verify Pod labels match service selector; "No Endpoints": fix label selectors or
 * Pod readiness; "Service Not Found": check namespace). Pure.
 *
 * @param problem  what is wrong, first line quoting the table's symptom
 * @param check    the table's quick check, kubectl's form then the lab's
 * @param solution the table's fix, made concrete
 */
record NoEndpointsDiagnosis(List<String> problem, String check, String solution) {
  private static final int MAX_PODS_SHOWN = 3;

  static NoEndpointsDiagnosis of(ClusterView view, Service svc, ServicePort port) {
    String ns = svc.getMetadata().getNamespace();
    String name = svc.getMetadata().getName();
    Map<String, String> selector = svc.getSpec().getSelectorMap();
    if (selector.isEmpty()) {
      return new NoEndpointsDiagnosis(List.of("\u201cNo Endpoints\u201d: the Service has no selector, and no EndpointSlice"
          + " labelled kubernetes.io/service-name=" + name + " lists an endpoint"),
          "kubectl get endpointslices -n " + ns + " -l kubernetes.io/service-name=" + name,
          "write its EndpointSlice yourself (a selector-less Service), or give it a selector");
    }
    String sel = labels(selector);
    List<Pod> live = view.pods().stream().filter(p -> !p.getMetadata().hasDeletionTimestamp()).toList();
    List<Pod> matching = live.stream().filter(p -> p.getMetadata().getNamespace().equals(ns) && selects(selector, p)).toList();
    if (matching.isEmpty()) {
      List<Pod> elsewhere = live.stream().filter(p -> selects(selector, p)).toList();
      if (!elsewhere.isEmpty()) {
        String namespaces = elsewhere.stream().map(p -> p.getMetadata().getNamespace()).distinct().sorted()
            .collect(Collectors.joining(", "));
        return new NoEndpointsDiagnosis(List.of(
            "wrong namespace: pods matching " + sel + " run in namespace " + namespaces + ", but Service " + ns + "/" + name
                + " only selects pods in its own namespace " + ns,
            "pods: " + names(elsewhere)),
            "kubectl get svc,pods -A -l " + sel + "   (./lab get pods -A -l " + sel + ")",
            "Check namespace: create the Service in " + namespaces + " (or run the pods in " + ns + ")");
      }
      List<Pod> close = live.stream().filter(p -> p.getMetadata().getNamespace().equals(ns) && shares(selector, p))
          .limit(MAX_PODS_SHOWN).toList();
      List<String> problem = new java.util.ArrayList<>(List.of("\u201cConnection Refused\u201d, \u201cNo Endpoints\u201d:"
          + " the selector " + sel + " matches no pod in namespace " + ns));
      for (Pod p : close) {
        problem.add("close: pod " + p.getMetadata().getName() + " has labels " + labels(p.getMetadata().getLabelsMap()));
      }
      return new NoEndpointsDiagnosis(problem,
          "kubectl get pods -n " + ns + " --show-labels   (./lab get pods -n " + ns + " -o wide)",
          "Verify Pod labels match service selector: fix the selector " + sel + " or the pods' labels");
    }
    List<Pod> ready = matching.stream().filter(Readiness::isReady).toList();
    if (ready.isEmpty()) {
      List<String> problem = new java.util.ArrayList<>(List.of("\u201cNo Endpoints\u201d: " + matching.size()
          + (matching.size() == 1 ? " pod matches " : " pods match ") + sel + " but none is Ready"));
      matching.stream().limit(MAX_PODS_SHOWN).forEach(p -> problem.add("pod " + p.getMetadata().getName() + ": "
          + notReadyReason(p)));
      return new NoEndpointsDiagnosis(problem,
          "kubectl get pods -n " + ns + " -l " + sel + "   (./lab get pods -n " + ns + " -l " + sel + ")",
          "Fix label selectors or Pod readiness: the pods' readiness probe must pass");
    }
    if (port.getTargetPort().hasName()) {
      String target = port.getTargetPort().getName();
      boolean named = ready.stream().anyMatch(p -> p.getSpec().getContainersList().stream()
          .flatMap(c -> c.getPortsList().stream()).anyMatch(cp -> cp.getName().equals(target)));
      if (!named) {
        return new NoEndpointsDiagnosis(List.of("wrong targetPort: \"" + target + "\" names no containerPort of the"
            + " selected pods (they declare: " + declaredPorts(ready.get(0)) + ")"),
            "kubectl describe svc " + name + " -n " + ns,
            "set targetPort to a declared containerPort name or number");
      }
    }
    return new NoEndpointsDiagnosis(List.of("\u201cNo Endpoints\u201d: " + ready.size() + " Ready pods match " + sel
        + " but no EndpointSlice lists them yet (the endpoints-controller writes them)"),
        "kubectl get endpointslices -n " + ns + " -l kubernetes.io/service-name=" + name,
        "wait a moment and trace again; if it stays empty, read .lab/logs/endpoints-controller.log");
  }

  static boolean selects(Map<String, String> selector, Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabelsMap();
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /** Shares a key or a value with the selector: probably the pods the selector meant. */
  static boolean shares(Map<String, String> selector, Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabelsMap();
    return selector.keySet().stream().anyMatch(labels::containsKey)
        || selector.values().stream().anyMatch(labels::containsValue);
  }

  static String labels(Map<String, String> labels) {
    return labels.isEmpty() ? "<none>" : new java.util.TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  static String declaredPorts(Pod pod) {
    List<String> ports = pod.getSpec().getContainersList().stream().flatMap(c -> c.getPortsList().stream())
        .map(NoEndpointsDiagnosis::containerPort).toList();
    return ports.isEmpty() ? "none" : String.join(", ", ports);
  }

  static String containerPort(ContainerPort cp) {
    return (cp.getName().isEmpty() ? "" : cp.getName() + " ") + cp.getContainerPort() + "/"
        + (cp.getProtocol().isEmpty() ? "TCP" : cp.getProtocol());
  }

  private static String names(List<Pod> pods) {
    String shown = pods.stream().limit(MAX_PODS_SHOWN).map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
        .collect(Collectors.joining(", "));
    return pods.size() > MAX_PODS_SHOWN ? shown + ", ..." : shown;
  }

  private static String notReadyReason(Pod pod) {
    String phase = pod.getStatus().getPhase().isEmpty() ? "Pending" : pod.getStatus().getPhase();
    if (pod.getSpec().getNodeName().isEmpty()) return phase + ", not scheduled to a node yet";
    return Readiness.readyCondition(pod)
        .map(c -> phase + ", Ready " + c.getStatus() + (c.getMessage().isEmpty() ? "" : " (" + c.getMessage() + ")"))
        .orElse(phase + ", not Ready");
  }
}
