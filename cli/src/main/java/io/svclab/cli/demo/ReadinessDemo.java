package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
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
    Pod tester = s.waitReadyPods(NS, "app=tester", 1).get(0);

    s.explain("The readiness probe is GET /ready on port 80 every 5 s; make it fail on one database pod");
    Pod victim = db.get(0);
    PodExec.Result removed = s.exec(victim, "rm", "/usr/share/nginx/html/ready");
    s.check(removed.ok(), "rm exits 0", removed.exitCode() + " " + removed.stderr());
    String victimIp = victim.getStatus().getPodIp() + ":80";
    List<String> two = s.waitUntil("the unready pod to leave database-service's endpoints", DemoSteps.POD_WAIT, () -> {
      List<String> eps = s.endpoints(NS, "database-service");
      return eps.size() == 2 && !eps.contains(victimIp) ? Optional.of(eps) : Optional.empty();
    });
    s.get(ResourceKinds.PODS, NS, null, "app=database", true);
    s.get(ResourceKinds.ENDPOINTS, NS, "database-service", "", false);
    s.check(!two.contains(victimIp), victim.getMetadata().getName() + " (" + victimIp + ") no longer in the endpoints", two);

    s.explain("curl database-service x10 from the tester pod: only the ready pods answer");
    Set<String> seen = spread(s, tester);
    s.check(!seen.contains(victim.getMetadata().getName()) && seen.size() >= 1,
        "no request reached " + victim.getMetadata().getName(), seen);

    s.explain("The probe passes again: the pod is Ready and back in the endpoints");
    PodExec.Result written = s.exec(victim, "sh", "-c", "echo READY > /usr/share/nginx/html/ready");
    s.check(written.ok(), "the file is back", written.exitCode() + " " + written.stderr());
    List<String> three = s.waitEndpoints(NS, "database-service", 3);
    s.get(ResourceKinds.ENDPOINTS, NS, "database-service", "", false);
    s.check(three.contains(victimIp), victimIp + " back in the endpoints", three);
    s.waitUntil("traffic to reach " + victim.getMetadata().getName() + " again", DemoSteps.CONVERGE_WAIT, () -> {
      PodExec.Result r = s.execQuiet(tester, "curl", "-s", "http://database-service");
      return r.stdout().contains("Database Pod: " + victim.getMetadata().getName()) ? Optional.of(true) : Optional.empty();
    });
    s.check(true, "a request reached " + victim.getMetadata().getName() + " again", "");
  }

  private static Set<String> spread(DemoSteps s, Pod from) {
    PodExec.Result loop = s.exec(from, "bash", "-c", "for i in {1..10}; do curl -s database-service | grep \"Database Pod\"; done");
    Set<String> seen = new TreeSet<>();
    Matcher m = DATABASE.matcher(loop.stdout());
    while (m.find()) {
      seen.add(m.group(1));
    }
    return seen;
  }
}
