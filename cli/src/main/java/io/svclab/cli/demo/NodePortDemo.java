package io.svclab.cli.demo;

import io.svclab.api.v1.Node;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;

/** Seed 000 task 3 (and seed 003's NodePort): port 30080 on every node, reached from outside. */
final class NodePortDemo implements Demo {
  public String name() { return "nodeport"; }

  public String description() { return "NodePort 30080: the same Service answers on every node's IP"; }

  public String source() { return "seed 000 \"Service Types and Endpoints\", task 3"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("Task 1 again: the nginx Deployment the Services expose");
    s.apply("seed-000/nginx-deployment.yaml");
    s.waitReadyPods("default", "app=nginx", 2);

    s.explain("Task 3: a NodePort Service with nodePort 30080 (must be in 30000-32767)");
    s.apply("seed-000/nginx-nodeport-service.yaml");
    s.get(ResourceKinds.SERVICES, "default", "nginx-nodeport-service", "", false);
    String ports = io.svclab.client.tables.KubectlTables.ports(s.service("default", "nginx-nodeport-service"));
    s.check(ports.equals("80:30080/TCP"), "PORT(S) 80:30080/TCP (service port 80, node port 30080)", ports);
    s.waitEndpoints("default", "nginx-nodeport-service", 2);

    s.explain("Find the nodes' IPs (minikube ip / kubectl get nodes -o wide)");
    List<Node> nodes = s.get(ResourceKinds.NODES, "", null, "", true);
    s.check(nodes.size() >= 2, "two nodes", nodes.size());

    s.explain("Open <NodeIP>:30080 on each node: every node's proxy listens on the NodePort");
    for (Node n : nodes) {
      String ip = n.getStatus().getAddressesList().stream().filter(a -> a.getType().equals("InternalIP")).findFirst()
          .orElseThrow().getAddress();
      HttpReply r = s.hostCurlUntilOk(ip, 30080, "/");
      s.check(r.body().contains("Welcome to nginx!"), "nginx's welcome page on " + n.getMetadata().getName() + " " + ip + ":30080", r.status());
    }
  }
}
