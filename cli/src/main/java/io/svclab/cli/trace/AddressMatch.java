package io.svclab.cli.trace;

import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which Service port owns an {@code ip:port/protocol}, and how it is reached there: by its
 * ClusterIP, a node's NodePort, a LoadBalancer ingress IP or an externalIP. Pure.
 *
 * @param node the node whose address was used (NodePort only), else null
 */
record AddressMatch(Service service, ServicePort port, Via via, Node node) {
  enum Via { CLUSTER_IP, NODE_PORT, LOAD_BALANCER, EXTERNAL_IP }

  static String protocol(ServicePort port) {
    return port.getProtocol().isEmpty() ? "TCP" : port.getProtocol();
  }

  static String type(Service svc) {
    return svc.getSpec().getType().isEmpty() ? "ClusterIP" : svc.getSpec().getType();
  }

  static String key(Service svc) {
    return svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
  }

  static List<String> ingressIps(Service svc) {
    if (!type(svc).equals("LoadBalancer") || !svc.hasStatus()) return List.of();
    return svc.getStatus().getLoadBalancer().getIngressList().stream().map(LoadBalancerIngress::getIp)
        .filter(ip -> !ip.isEmpty()).toList();
  }

  /** Every Service port the address reaches, in the order kube-proxy's KUBE-SERVICES would test them. */
  static List<AddressMatch> find(ClusterView view, TraceRequest req) {
    List<AddressMatch> found = new ArrayList<>();
    Node node = view.nodeWithAddress(req.ip()).orElse(null);
    for (Service svc : view.services()) {
      String type = type(svc);
      if (type.equals("ExternalName")) continue;
      for (ServicePort sp : svc.getSpec().getPortsList()) {
        if (!protocol(sp).equals(req.protocol())) continue;
        boolean portMatches = sp.getPort() == req.port();
        if (portMatches && svc.getSpec().getClusterIp().equals(req.ip())) {
          found.add(new AddressMatch(svc, sp, Via.CLUSTER_IP, null));
        } else if (portMatches && ingressIps(svc).contains(req.ip())) {
          found.add(new AddressMatch(svc, sp, Via.LOAD_BALANCER, null));
        } else if (portMatches && svc.getSpec().getExternalIpsList().contains(req.ip())) {
          found.add(new AddressMatch(svc, sp, Via.EXTERNAL_IP, null));
        } else if (node != null && sp.getNodePort() == req.port()
            && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
          found.add(new AddressMatch(svc, sp, Via.NODE_PORT, node));
        }
      }
    }
    return found;
  }

  /** Addresses that almost match (right IP, wrong port), said the way a person would fix them. */
  static List<String> nearMisses(ClusterView view, TraceRequest req) {
    List<String> out = new ArrayList<>();
    for (Service svc : view.services()) {
      String ports = svc.getSpec().getPortsList().stream().map(p -> p.getPort() + "/" + protocol(p))
          .collect(Collectors.joining(", "));
      if (svc.getSpec().getClusterIp().equals(req.ip())) {
        out.add("Service " + key(svc) + " owns ClusterIP " + req.ip() + " but has no port " + req.port() + "/"
            + req.protocol() + " (its ports: " + ports + ")");
      }
      if (ingressIps(svc).contains(req.ip())) {
        out.add("LoadBalancer " + key(svc) + " owns " + req.ip() + " but has no port " + req.port() + "/"
            + req.protocol() + " (its ports: " + ports + ")");
      }
      if (svc.getSpec().getExternalIpsList().contains(req.ip())) {
        out.add("Service " + key(svc) + " has externalIP " + req.ip() + " but no port " + req.port() + "/"
            + req.protocol() + " (its ports: " + ports + ")");
      }
    }
    view.nodeWithAddress(req.ip()).ifPresent(node -> {
      List<String> nodePorts = new ArrayList<>();
      for (Service svc : view.services()) {
        for (ServicePort sp : svc.getSpec().getPortsList()) {
          if (sp.getNodePort() > 0) nodePorts.add(sp.getNodePort() + "/" + protocol(sp) + " " + key(svc));
        }
      }
      out.add(req.ip() + " is node " + node.getMetadata().getName() + "'s address, but no Service has NodePort "
          + req.port() + "/" + req.protocol() + (nodePorts.isEmpty() ? "" : " (NodePorts: " + String.join(", ", nodePorts) + ")"));
    });
    return out;
  }
}
