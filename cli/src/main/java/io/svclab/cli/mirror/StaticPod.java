package io.svclab.cli.mirror;

import java.util.List;
import java.util.Map;

/**
 * One lab process as kubectl should see it in {@code kube-system}: the static pod the lab's
 * supervisor runs, named and labelled as a kind / kubeadm cluster names its counterpart.
 *
 * @param component the lab component it mirrors ({@code apiserver}, {@code node-proxy-1})
 * @param podName e.g. {@code kube-apiserver-control-plane}, {@code kube-proxy-node-1}
 * @param containerName the one container's name ({@code kube-apiserver}, {@code coredns})
 * @param image e.g. {@code registry.k8s.io/kube-proxy:v1.32.0-svclab}
 * @param labels as Kubernetes labels it ({@code component=kube-apiserver}, {@code k8s-app=kube-dns})
 * @param nodeName the node it runs on; empty for the control plane, which is no Node in this lab
 * @param hostIp the address it listens on (also its pod IP: host network)
 * @param ports the container ports it serves (named as the Services that select it name them)
 */
public record StaticPod(String component, String podName, String containerName, String image,
    Map<String, String> labels, String nodeName, String hostIp, List<Port> ports) {

  public record Port(String name, int port, String protocol) {}

  public StaticPod {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }
}
