package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;

/** Seed 002's multi-tenant pattern and seed 001's FQDNs: one Service name, two namespaces, two answers. */
final class NamespacesDemo implements Demo {
  static final String A = "tenant-customer-a";
  static final String B = "tenant-customer-b";

  public String name() { return "namespaces"; }

  public String description() { return "the same Service name in two namespaces: short name stays home, name.namespace crosses over"; }

  public String source() { return "seed 002 \"Master Kubernetes Services\": multi-tenant pattern (seed 001: <svc>.<ns>.svc.cluster.local)"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("Two customer namespaces, each with its own Deployment and Service named web");
    s.apply("namespaces/tenants.yaml");
    s.waitReadyPods(A, "app=web", 1);
    s.waitReadyPods(B, "app=web", 1);
    s.waitEndpoints(A, "web", 1);
    s.waitEndpoints(B, "web", 1);
    s.command("kubectl get services -n tenant-customer-a; kubectl get services -n tenant-customer-b");
    s.get(ResourceKinds.SERVICES, A, null, "", false);
    s.get(ResourceKinds.SERVICES, B, null, "", false);
    String ipA = s.service(A, "web").getSpec().getClusterIp();
    String ipB = s.service(B, "web").getSpec().getClusterIp();
    s.check(!ipA.equals(ipB), "two Services, two ClusterIPs", ipA + " " + ipB);

    s.explain("A client pod in each namespace");
    Pod inA = s.runPod(A, "client", "nicolaka/netshoot");
    Pod inB = s.runPod(B, "client", "nicolaka/netshoot");

    s.explain("The short name web resolves in the client's own namespace (first search domain <ns>.svc.cluster.local)");
    Lookup fromA = s.nslookup(inA, "web");
    s.check(fromA.addresses().equals(List.of(ipA)), "web from tenant-customer-a -> " + ipA, fromA);
    Lookup fromB = s.nslookup(inB, "web");
    s.check(fromB.addresses().equals(List.of(ipB)), "web from tenant-customer-b -> " + ipB, fromB);
    PodExec.Result pageA = s.curlUntilOk(inA, "http://web");
    s.check(pageA.stdout().contains("Tenant: " + A), "tenant a's page", pageA.stdout());
    PodExec.Result pageB = s.curlUntilOk(inB, "http://web");
    s.check(pageB.stdout().contains("Tenant: " + B), "tenant b's page", pageB.stdout());

    s.explain("Crossing namespaces takes the namespace in the name: web.tenant-customer-b (or the FQDN)");
    Lookup cross = s.nslookup(inA, "web.tenant-customer-b");
    s.check(cross.addresses().equals(List.of(ipB)) && cross.answeredName().equals("web.tenant-customer-b.svc.cluster.local"),
        "web.tenant-customer-b from tenant-customer-a -> web.tenant-customer-b.svc.cluster.local " + ipB, cross);
    PodExec.Result crossPage = s.curlUntilOk(inA, "http://web.tenant-customer-b");
    s.check(crossPage.stdout().contains("Tenant: " + B), "tenant b's page, asked from tenant a", crossPage.stdout());
  }
}
