package io.svclab.workload.scheduler;

/** Where the scheduler puts a pod: on a node, or nowhere, with Kubernetes' reason. */
public sealed interface Placement {
  record Bind(String nodeName) implements Placement {}

  record Unschedulable(String message) implements Placement {}
}
