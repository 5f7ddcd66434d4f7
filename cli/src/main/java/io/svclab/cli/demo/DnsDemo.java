package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Type;

/** Seed 002 steps 1-3 and seed 001's DNS section: short name, name.namespace and FQDN from a pod's search list. */
final class DnsDemo implements Demo {
  static final String NS = "service-demo";
  static final Pattern BACKEND = Pattern.compile("Backend Pod: ([a-z0-9-]+)");

  public String name() { return "dns"; }

  public String description() { return "service discovery: backend-service, backend-service.service-demo and the FQDN from a pod; SRV; curl loop"; }

  public String source() { return "seed 002 \"Master Kubernetes Services\", steps 1-3 (seed 001: DNS and search domains)"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("Step 1: namespace service-demo with the backend (3 replicas) and frontend Deployments");
    s.apply("seed-002/backend.yaml");
    s.waitReadyPods(NS, "app=backend", 3);
    s.get(ResourceKinds.PODS, NS, null, "", true);

    s.explain("Step 2: a ClusterIP Service for the backend");
    s.apply("seed-002/backend-service.yaml");
    s.waitEndpoints(NS, "backend-service", 3);
    s.get(ResourceKinds.SERVICES, NS, "backend-service", "", false);
    s.get(ResourceKinds.ENDPOINTS, NS, "backend-service", "", false);
    String clusterIp = s.service(NS, "backend-service").getSpec().getClusterIp();

    s.explain("Step 3: a debug pod (kubectl run debug -n service-demo --image=nicolaka/netshoot); its resolv.conf has the search list");
    Pod debug = s.runPod(NS, "debug", "nicolaka/netshoot");
    ResolvConf conf = s.resolvConf(debug);
    s.check(conf.search().equals(List.of("service-demo.svc.cluster.local", "svc.cluster.local", "cluster.local")),
        "search service-demo.svc.cluster.local svc.cluster.local cluster.local", conf.search());

    s.explain("The short name, name.namespace and the FQDN all reach the same ClusterIP (the search list completes them)");
    for (String name : List.of("backend-service", "backend-service.service-demo", "backend-service.service-demo.svc.cluster.local")) {
      Lookup l = s.nslookup(debug, name);
      s.check(l.addresses().equals(List.of(clusterIp)) && l.answeredName().equals("backend-service.service-demo.svc.cluster.local"),
          name + " -> backend-service.service-demo.svc.cluster.local -> " + clusterIp, l);
    }
    s.explain("The named port http has an SRV record: _http._tcp.<svc>.<ns>.svc.cluster.local");
    Lookup srv = s.dig("_http._tcp.backend-service.service-demo.svc.cluster.local", Type.SRV);
    s.check(srv.addresses().size() == 1 && srv.addresses().get(0).endsWith(" 80 backend-service.service-demo.svc.cluster.local."),
        "port 80, target backend-service.service-demo.svc.cluster.local.", srv.addresses());

    s.explain("The same short name from the default namespace finds nothing: its search list starts with default.svc.cluster.local");
    s.apply("seed-000/curl-pod.yaml");
    Pod other = s.waitUntil("curl-pod Running", DemoSteps.POD_WAIT, () -> {
      Pod p = s.client(ResourceKinds.PODS).get("default", "curl-pod");
      return DemoSteps.ready(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    });
    Lookup notFound = s.nslookup(other, "backend-service");
    s.check(!notFound.found(), "no address for backend-service from default (\"Service Not Found\": check the namespace)", notFound);

    s.explain("Load balancing: the tutorial's curl loop, in the debug pod");
    s.curlUntilOk(debug, "http://backend-service");
    PodExec.Result loop = s.exec(debug, "bash", "-c", "for i in {1..10}; do curl -s backend-service | grep \"Backend Pod\"; done");
    Set<String> seen = new TreeSet<>();
    Matcher m = BACKEND.matcher(loop.stdout());
    while (m.find()) {
      seen.add(m.group(1));
    }
    s.check(seen.size() >= 2, "different Backend Pod names across 10 requests", seen);
  }
}
