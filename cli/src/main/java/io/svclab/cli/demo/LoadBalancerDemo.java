package io.svclab.cli.demo;

import io.svclab.api.v1.Event;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKinds;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Seed 000 task 4: a LoadBalancer Service gets an external IP from the (fake) cloud, which forwards to NodePorts. */
final class LoadBalancerDemo implements Demo {
  public String name() { return "loadbalancer"; }

  public String description() { return "LoadBalancer: EXTERNAL-IP goes from <pending> to an IP; the cloud's events; curl the IP"; }

  public String source() { return "seed 000 \"Service Types and Endpoints\", task 4"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("Task 1 again: the nginx Deployment the Services expose");
    s.apply("seed-000/nginx-deployment.yaml");
    s.waitReadyPods("default", "app=nginx", 2);

    s.explain("Task 4: a LoadBalancer Service; the cloud controller (cloud-lb) provisions an IP for it");
    s.apply("seed-000/nginx-loadbalancer-service.yaml");
    s.get(ResourceKinds.SERVICES, "default", "nginx-loadbalancer-service", "", false);
    Service lb = s.waitUntil("an EXTERNAL-IP for nginx-loadbalancer-service", DemoSteps.CONVERGE_WAIT, () -> {
      Service svc = s.service("default", "nginx-loadbalancer-service");
      return svc.getStatus().getLoadBalancer().getIngressCount() > 0 ? Optional.of(svc) : Optional.empty();
    });
    s.get(ResourceKinds.SERVICES, "default", "nginx-loadbalancer-service", "", false);
    String ip = lb.getStatus().getLoadBalancer().getIngress(0).getIp();
    s.check(ip.startsWith("127.100.0."), "an EXTERNAL-IP from the cloud's pool 127.100.0.0/24", ip);
    String ports = io.svclab.client.tables.KubectlTables.ports(lb);
    s.check(ports.matches("80:3\\d{4}/TCP"), "a NodePort under it too (PORT(S) 80:3xxxx/TCP): the LB forwards to it", ports);

    s.explain("kubectl describe shows the service-controller's events");
    List<Event> events = s.waitUntil("EnsuringLoadBalancer and EnsuredLoadBalancer events", DemoSteps.CONVERGE_WAIT, () -> {
      List<Event> es = s.client(ResourceKinds.EVENTS).listItems("default", "").stream()
          .filter(e -> e.getInvolvedObject().getName().equals("nginx-loadbalancer-service"))
          .sorted(Comparator.comparingLong(e -> e.getLastTimestamp().getSeconds())).toList();
      List<String> reasons = es.stream().map(Event::getReason).toList();
      return reasons.contains("EnsuringLoadBalancer") && reasons.contains("EnsuredLoadBalancer") ? Optional.of(es) : Optional.empty();
    });
    s.command("./lab get events --field-selector involvedObject.name=nginx-loadbalancer-service");
    s.print(io.svclab.client.tables.KubectlTables.table(ResourceKinds.EVENTS, events, false, java.time.Instant.now()).render());
    s.check(events.stream().anyMatch(e -> e.getSource().getComponent().equals("service-controller")),
        "the events come from service-controller", events.stream().map(e -> e.getSource().getComponent()).toList());

    s.explain("Access the Service through the External IP (cloud LB -> a node's NodePort -> a pod)");
    HttpReply r = s.hostCurlUntilOk(ip, 80, "/");
    s.check(r.body().contains("Welcome to nginx!"), "nginx's welcome page through " + ip, r.status());
  }
}
