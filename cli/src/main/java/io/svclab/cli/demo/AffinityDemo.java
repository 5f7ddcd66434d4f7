package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** Seed 002's commented-out {@code sessionAffinity: ClientIP}, switched on: one client, one pod. */
final class AffinityDemo implements Demo {
  static final String NS = DnsDemo.NS;

  public String name() { return "affinity"; }

  public String description() { return "sessionAffinity: ClientIP pins each client IP to one pod; without it requests spread"; }

  public String source() { return "seed 002 \"Master Kubernetes Services\": the sessionAffinity lines of frontend-service"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("seed 002's backend (3 pods) behind two Services: backend-service (affinity None) and backend-sticky (ClientIP, 300 s)");
    s.apply("seed-002/backend.yaml");
    s.apply("seed-002/backend-service.yaml");
    s.apply("affinity/backend-sticky.yaml");
    s.waitReadyPods(NS, "app=backend", 3);
    s.waitEndpoints(NS, "backend-service", 3);
    s.waitEndpoints(NS, "backend-sticky", 3);
    s.get(ResourceKinds.SERVICES, NS, null, "", true);
    s.check(s.service(NS, "backend-sticky").getSpec().getSessionAffinity().equals("ClientIP"), "sessionAffinity ClientIP stored", "");

    s.explain("Three client pods: each has its own pod IP, which is what ClientIP affinity keys on");
    List<Pod> clients = new ArrayList<>();
    for (String name : List.of("client-1", "client-2", "client-3")) {
      clients.add(s.runPod(NS, name, "curlimages/curl"));
    }

    s.explain("Without affinity: 10 requests from one client pod land on different pods");
    s.curlUntilOk(clients.get(0), "http://backend-service");
    Set<String> spread = pods(s, clients.get(0), "backend-service");
    s.check(spread.size() >= 2, "at least 2 different pods", spread);

    s.explain("With ClientIP affinity: every request from one client pod goes to the same backend pod, for each of 3 clients");
    List<String> pinned = new ArrayList<>();
    for (Pod client : clients) {
      s.curlUntilOk(client, "http://backend-sticky");
      Set<String> one = pods(s, client, "backend-sticky");
      s.check(one.size() == 1, client.getMetadata().getName() + " (" + client.getStatus().getPodIp() + ") pinned to one pod", one);
      pinned.addAll(one);
    }
    s.print("clients -> pods: client-1 -> " + pinned.get(0) + ", client-2 -> " + pinned.get(1) + ", client-3 -> " + pinned.get(2));
  }

  private static Set<String> pods(DemoSteps s, Pod client, String service) {
    PodExec.Result loop = s.exec(client, "sh", "-c",
        "for i in 1 2 3 4 5 6 7 8 9 10; do curl -s http://" + service + " | grep \"Backend Pod\"; done");
    Set<String> seen = new TreeSet<>();
    Matcher m = DnsDemo.BACKEND.matcher(loop.stdout());
    while (m.find()) {
      seen.add(m.group(1));
    }
    return seen;
  }
}
