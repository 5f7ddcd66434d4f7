package io.svclab.cli.demo;

import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKinds;

/** Seed 003 (and seed 001's one line): an ExternalName Service is a DNS CNAME, nothing more. */
final class ExternalNameDemo implements Demo {
  static final String NS = HeadlessDemo.NS;

  public String name() { return "externalname"; }

  public String description() { return "ExternalName: no ClusterIP, no endpoints; the name is a CNAME to httpbin.org"; }

  public String source() { return "seed 003 \"Service Types\": ExternalName (seed 001: \"DNS CNAME only\")"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("An ExternalName Service pointing to httpbin.org");
    s.apply("seed-003/manifests/namespace.yaml");
    s.apply("seed-003/manifests/externalname.yaml");
    s.get(ResourceKinds.SERVICES, NS, "external-api", "", false);
    Service svc = s.service(NS, "external-api");
    s.check(svc.getSpec().getClusterIp().isEmpty() && svc.getSpec().getExternalName().equals("httpbin.org"),
        "no cluster IP, EXTERNAL-IP httpbin.org", svc.getSpec().getClusterIp() + " " + svc.getSpec().getExternalName());

    s.explain("No selector, so no endpoints: nothing is proxied");
    s.command("./lab get endpoints external-api -n " + NS);
    String missing;
    try {
      s.client(ResourceKinds.ENDPOINTS).get(NS, "external-api");
      missing = "found";
    } catch (StatusRuntimeException e) {
      missing = e.getStatus().getDescription();
      s.print("Error from server (NotFound): " + missing);
    }
    s.check(missing.contains("not found"), "Endpoints external-api not found", missing);

    s.explain("The Service's DNS name is a CNAME to httpbin.org (asked of the lab's DNS server, which pods use too)");
    Lookup l = s.dig("external-api.service-types-demo.svc.cluster.local", org.xbill.DNS.Type.A);
    s.check(l.cname().equals("httpbin.org"), "external-api.service-types-demo.svc.cluster.local CNAME httpbin.org", l);
    s.note("the tutorial's curl -s http://external-api/get would now ask the internet for httpbin.org; "
        + "the lab stays on 127.0.0.0/8, so the demo stops at the CNAME");
  }
}
