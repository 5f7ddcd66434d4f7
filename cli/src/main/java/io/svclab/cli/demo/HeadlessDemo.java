package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Optional;

/** Seed 003: a headless Service's name resolves to the pods' IPs, a ClusterIP's to one virtual IP. */
final class HeadlessDemo implements Demo {
  static final String NS = "service-types-demo";

  public String name() { return "headless"; }

  public String description() { return "headless (clusterIP: None): DNS returns each pod's IP; compare with ClusterIP; scale to 4"; }

  public String source() { return "seed 003 \"Service Types\": headless, compare with ClusterIP, exercises 1-2"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("The demo namespace and the echo server (2 replicas)");
    s.apply("seed-003/manifests/namespace.yaml");
    s.apply("seed-003/manifests/app.yaml");
    s.apply("seed-003/manifests/clusterip.yaml");
    s.apply("seed-003/manifests/headless.yaml");
    List<Pod> pods = s.waitReadyPods(NS, "app=echo-server", 2);
    s.get(ResourceKinds.SERVICES, NS, null, "", false);
    String headlessIp = s.service(NS, "echo-headless").getSpec().getClusterIp();
    s.check(headlessIp.equals("None"), "CLUSTER-IP None for echo-headless", headlessIp);

    s.explain("A pod to run nslookup from (kubectl run dig --image=busybox:1.36) and one with curl");
    Pod dig = s.runPod(NS, "dig", "busybox:1.36");
    Pod client = s.runPod(NS, "client", "curlimages/curl");
    List<String> podIps = pods.stream().map(p -> p.getStatus().getPodIp()).sorted().toList();
    s.waitUntil("echo-headless to resolve to both pod IPs", DemoSteps.CONVERGE_WAIT, () -> {
      return s.resolve(dig, "echo-headless").addresses().stream().sorted().toList().equals(podIps) ? Optional.of(true) : Optional.empty();
    });
    s.explain("Headless: DNS returns the individual pod addresses (no virtual IP, no proxy)");
    Lookup headless = s.nslookup(dig, "echo-headless.service-types-demo.svc.cluster.local");
    s.check(headless.addresses().stream().sorted().toList().equals(podIps), "one A record per ready pod " + podIps, headless.addresses());

    s.explain("Compare with ClusterIP DNS: one virtual IP");
    Lookup vip = s.nslookup(dig, "echo-clusterip.service-types-demo.svc.cluster.local");
    String clusterIp = s.service(NS, "echo-clusterip").getSpec().getClusterIp();
    s.check(vip.addresses().equals(List.of(clusterIp)), "exactly the ClusterIP " + clusterIp, vip.addresses());
    PodExec.Result echo = s.curlUntilOk(client, "http://" + headless.addresses().get(0) + ":8080/");
    s.check(echo.ok(), "a headless address is a pod: connect straight to it on the targetPort 8080", echo.stderr());

    s.explain("Exercise 1: compare endpoints for ClusterIP vs headless (the same pods)");
    s.waitEndpoints(NS, "echo-clusterip", 2);
    s.waitEndpoints(NS, "echo-headless", 2);
    s.get(ResourceKinds.ENDPOINTS, NS, "echo-clusterip", "", false);
    s.get(ResourceKinds.ENDPOINTS, NS, "echo-headless", "", false);

    s.explain("Exercise 2: scale to 4; the headless name now returns 4 addresses");
    s.scale(NS, "echo-server", 4);
    List<String> four = s.waitReadyPods(NS, "app=echo-server", 4).stream().map(p -> p.getStatus().getPodIp()).sorted().toList();
    s.waitEndpoints(NS, "echo-headless", 4);
    s.get(ResourceKinds.ENDPOINTS, NS, "echo-headless", "", false);
    s.waitUntil("echo-headless to resolve to 4 pod IPs", DemoSteps.CONVERGE_WAIT, () -> {
      return s.resolve(dig, "echo-headless").addresses().size() == 4 ? Optional.of(true) : Optional.empty();
    });
    Lookup scaled = s.nslookup(dig, "echo-headless.service-types-demo.svc.cluster.local");
    s.check(scaled.addresses().stream().sorted().toList().equals(four), "the 4 pod IPs " + four, scaled.addresses());
  }
}
