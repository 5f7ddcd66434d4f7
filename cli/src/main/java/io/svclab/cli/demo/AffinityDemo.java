package io.svclab.cli.demo;

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
    String plain = s.service(NS, "backend-service").getSpec().getClusterIp();
    String sticky = s.service(NS, "backend-sticky").getSpec().getClusterIp();
    s.check(s.service(NS, "backend-sticky").getSpec().getSessionAffinity().equals("ClientIP"), "sessionAffinity ClientIP stored", "");

    s.explain("Without affinity: 10 requests from one client (127.0.50.1) land on different pods");
    s.curlUntilOk("127.0.50.1", plain, 80, "/");
    Set<String> spread = pods(s, "127.0.50.1", plain, 10);
    s.check(spread.size() >= 2, "at least 2 different pods", spread);

    s.explain("With ClientIP affinity: every request from one client goes to the same pod, for each of 3 clients");
    List<String> pinned = new ArrayList<>();
    for (String client : List.of("127.0.50.1", "127.0.50.2", "127.0.50.3")) {
      s.curlUntilOk(client, sticky, 80, "/");
      Set<String> one = pods(s, client, sticky, 10);
      s.check(one.size() == 1, "client " + client + " pinned to one pod", one);
      pinned.addAll(one);
    }
    s.print("clients -> pods: 127.0.50.1 -> " + pinned.get(0) + ", 127.0.50.2 -> " + pinned.get(1) + ", 127.0.50.3 -> " + pinned.get(2));
  }

  private static Set<String> pods(DemoSteps s, String client, String address, int n) {
    s.command("for i in {1.." + n + "}; do curl -s http://" + address + " | grep \"Backend Pod\"; done   (from " + client + ")");
    String host = address.contains(":") ? address.substring(0, address.indexOf(':')) : address;
    int port = address.contains(":") ? Integer.parseInt(address.substring(address.indexOf(':') + 1)) : 80;
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      HttpReply r = s.curl(client, host, port, "/", false);
      Matcher m = DnsDemo.BACKEND.matcher(r.body());
      if (m.find()) {
        seen.add(m.group(1));
        s.print("<h1>Backend Pod: " + m.group(1) + "</h1>");
      } else {
        s.print(DemoSteps.shown(r));
      }
    }
    return seen;
  }
}
