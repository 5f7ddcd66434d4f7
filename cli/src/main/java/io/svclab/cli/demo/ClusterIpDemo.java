package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;

/** Seed 000, tasks 1, 2 and 5: nginx behind a ClusterIP, curl from a pod by name, endpoints follow scale. */
final class ClusterIpDemo implements Demo {
  public String name() { return "clusterip"; }

  public String description() { return "nginx Deployment behind a ClusterIP; curl it by name from a pod; scale 2 -> 3 and Endpoints follow"; }

  public String source() { return "seed 000 \"Service Types and Endpoints\", tasks 1, 2 and 5"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("Task 1: deploy nginx (2 replicas) for the Services to expose");
    s.apply("seed-000/nginx-deployment.yaml");
    List<Pod> pods = s.waitReadyPods("default", "app=nginx", 2);
    s.get(ResourceKinds.DEPLOYMENTS, "default", "nginx-deployment", "", false);
    s.get(ResourceKinds.PODS, "default", null, "app=nginx", true);
    s.check(pods.stream().map(p -> p.getSpec().getNodeName()).distinct().count() == 2,
        "the scheduler spread the 2 pods over both nodes", pods.stream().map(p -> p.getSpec().getNodeName()).toList());

    s.explain("Task 2: a ClusterIP Service selects app=nginx and gets a stable virtual IP");
    s.apply("seed-000/nginx-clusterip-service.yaml");
    s.get(ResourceKinds.SERVICES, "default", "nginx-clusterip-service", "", false);
    String clusterIp = s.service("default", "nginx-clusterip-service").getSpec().getClusterIp();
    s.check(clusterIp.startsWith("127.96."), "a ClusterIP from the service CIDR 127.96.0.0/16", clusterIp);
    List<String> eps = s.waitEndpoints("default", "nginx-clusterip-service", 2);
    s.get(ResourceKinds.ENDPOINTS, "default", "nginx-clusterip-service", "", false);
    s.check(eps.size() == 2, "Endpoints list both pods' IP:80", eps);

    s.explain("From inside the cluster: kubectl exec into a curl pod; its resolv.conf completes the Service's name");
    s.apply("seed-000/curl-pod.yaml");
    Pod curlPod = s.waitUntil("curl-pod Running", DemoSteps.POD_WAIT, () -> {
      Pod p = s.client(ResourceKinds.PODS).get("default", "curl-pod");
      return DemoSteps.ready(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    });
    s.resolvConf(curlPod);
    Lookup name = s.nslookup(curlPod, "nginx-clusterip-service");
    s.check(name.addresses().equals(List.of(clusterIp)) && name.answeredName().equals("nginx-clusterip-service.default.svc.cluster.local"),
        "nginx-clusterip-service -> nginx-clusterip-service.default.svc.cluster.local -> " + clusterIp, name);
    PodExec.Result page = s.curlUntilOk(curlPod, "http://nginx-clusterip-service");
    s.check(page.stdout().contains("Welcome to nginx!"), "nginx's welcome page through the ClusterIP", page.exitCode());

    s.explain("Ten more requests: the proxy picks a pod per connection (kubectl logs shows which pod served each)");
    long[] before = new long[pods.size()];
    for (int i = 0; i < pods.size(); i++) {
      before[i] = s.curlRequestsServedBy(pods.get(i));
    }
    PodExec.Result loop = s.exec(curlPod, "sh", "-c",
        "for i in 1 2 3 4 5 6 7 8 9 10; do curl -s http://nginx-clusterip-service | grep '<title>'; done");
    long answered = loop.stdout().lines().filter(l -> l.contains("<title>Welcome to nginx!</title>")).count();
    s.check(answered == 10, "10 of 10 requests answered with nginx's page", loop.stdout() + loop.stderr());
    int reached = 0;
    for (int i = 0; i < pods.size(); i++) {
      long served = s.curlRequestsServedBy(pods.get(i)) - before[i];
      s.print("  " + pods.get(i).getMetadata().getName() + " (" + pods.get(i).getStatus().getPodIp() + "): " + served + " requests");
      reached += served > 0 ? 1 : 0;
    }
    s.check(reached >= 2, "traffic reached both pods", reached + " pod(s)");
    s.delete(ResourceKinds.PODS, "default", "curl-pod");

    s.explain("Task 5: scale to 3 replicas; the new pod's IP joins the Endpoints once it is Ready");
    s.scale("default", "nginx-deployment", 3);
    s.waitReadyPods("default", "app=nginx", 3);
    List<String> three = s.waitEndpoints("default", "nginx-clusterip-service", 3);
    s.get(ResourceKinds.ENDPOINTS, "default", "nginx-clusterip-service", "", false);
    s.check(three.containsAll(eps), "the 2 old endpoints kept, 1 new one added", three);
  }
}
