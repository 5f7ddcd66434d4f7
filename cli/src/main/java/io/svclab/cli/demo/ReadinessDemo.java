package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seed 002's complete template and its FAQ: a pod whose readiness probe fails leaves the
 * Service's endpoints and gets no traffic; when the probe passes again it comes back.
 */
final class ReadinessDemo implements Demo {
  static final String NS = "service-complete-demo";
  static final Pattern DATABASE = Pattern.compile("Database Pod: ([a-z0-9-]+)");

  public String name() { return "readiness"; }

  public String description() { return "readiness: a pod failing its /ready probe leaves the endpoints and gets no traffic, then returns"; }

  public String source() { return "seed 002 \"Master Kubernetes Services\": complete-service-demo.yaml and its FAQ"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("Deploy the complete template: database (3), api (2), frontend (2), tester (1) and the three Service types");
    s.apply("seed-002/complete-service-demo.yaml");
    s.command("kubectl wait --for=condition=ready pod --all -n " + NS + " --timeout=300s");
    List<Pod> db = s.waitReadyPods(NS, "app=database", 3);
    s.waitReadyPods(NS, "app=api", 2);
    s.waitReadyPods(NS, "app=frontend", 2);
    s.get(ResourceKinds.SERVICES, NS, null, "", true);
    s.waitEndpoints(NS, "database-service", 3);
    s.get(ResourceKinds.ENDPOINTS, NS, "database-service", "", false);
    String clusterIp = s.service(NS, "database-service").getSpec().getClusterIp();
    Pod tester = s.waitReadyPods(NS, "app=tester", 1).get(0);

    s.explain("The readiness probe is GET /ready on port 80 every 5 s; make it fail on one database pod");
    Pod victim = db.get(0);
    Path ready = s.rootfs(victim).resolve("usr/share/nginx/html/ready");
    s.command("rm /usr/share/nginx/html/ready   (in pod " + NS + "/" + victim.getMetadata().getName() + ")");
    s.note("the lab has no exec: the file is removed from the pod's root filesystem on its node, which is what the command does in the pod");
    Files.delete(ready);
    String victimIp = victim.getStatus().getPodIp() + ":80";
    List<String> two = s.waitUntil("the unready pod to leave database-service's endpoints", DemoSteps.POD_WAIT, () -> {
      List<String> eps = s.endpoints(NS, "database-service");
      return eps.size() == 2 && !eps.contains(victimIp) ? Optional.of(eps) : Optional.empty();
    });
    s.get(ResourceKinds.PODS, NS, null, "app=database", true);
    s.get(ResourceKinds.ENDPOINTS, NS, "database-service", "", false);
    s.check(!two.contains(victimIp), victim.getMetadata().getName() + " (" + victimIp + ") no longer in the endpoints", two);

    s.explain("curl database-service x10 from the tester pod: only the ready pods answer");
    Set<String> seen = spread(s, tester, clusterIp);
    s.check(!seen.contains(victim.getMetadata().getName()) && seen.size() >= 1,
        "no request reached " + victim.getMetadata().getName(), seen);

    s.explain("The probe passes again: the pod is Ready and back in the endpoints");
    s.command("echo READY > /usr/share/nginx/html/ready   (in pod " + NS + "/" + victim.getMetadata().getName() + ")");
    Files.writeString(ready, "READY\n");
    List<String> three = s.waitEndpoints(NS, "database-service", 3);
    s.get(ResourceKinds.ENDPOINTS, NS, "database-service", "", false);
    s.check(three.contains(victimIp), victimIp + " back in the endpoints", three);
    s.waitUntil("traffic to reach " + victim.getMetadata().getName() + " again", DemoSteps.CONVERGE_WAIT, () -> {
      HttpReply r = s.curl(tester.getStatus().getPodIp(), clusterIp, 80, "/", false);
      return r.body().contains("Database Pod: " + victim.getMetadata().getName()) ? Optional.of(true) : Optional.empty();
    });
    s.check(true, "a request reached " + victim.getMetadata().getName() + " again", "");
  }

  private static Set<String> spread(DemoSteps s, Pod from, String clusterIp) {
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < 10; i++) {
      HttpReply r = s.curl(from.getStatus().getPodIp(), clusterIp, 80, "/", false);
      Matcher m = DATABASE.matcher(r.body());
      if (m.find()) {
        seen.add(m.group(1));
        s.print("<h1>Database Pod: " + m.group(1) + "</h1>");
      } else {
        s.print(DemoSteps.shown(r));
      }
    }
    return seen;
  }
}
