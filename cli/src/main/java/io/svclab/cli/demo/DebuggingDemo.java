package io.svclab.cli.demo;

import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Optional;

/** Seeds 001 and 002's troubleshooting: ENDPOINTS {@code <none>} means the selector matches no pod; fix it. */
final class DebuggingDemo implements Demo {
  static final String NS = DnsDemo.NS;

  public String name() { return "debugging"; }

  public String description() { return "a Service whose ENDPOINTS says <none>: find the selector mistake with --show-labels, fix it"; }

  public String source() { return "seed 002 \"Master Kubernetes Services\": troubleshooting table (seed 001: \"If ENDPOINTS is empty\")"; }

  public void run(DemoSteps s) throws Exception {
    s.explain("The backend pods (label app=backend) and a Service whose selector says app=backend-app");
    s.apply("seed-002/backend.yaml");
    List<Pod> pods = s.waitReadyPods(NS, "app=backend", 3);
    s.apply("debugging/backend-service-typo.yaml");
    Pod debug = s.runPod(NS, "debug", "nicolaka/netshoot");

    s.explain("Symptom: \"Connection Refused\" - the proxy rejects connections to a Service with no endpoints");
    PodExec.Result refused = s.exec(debug, "curl", "-sS", "http://backend-service");
    s.check(refused.exitCode() == 7 && refused.stderr().contains("Couldn't connect to server"),
        "curl exits 7: Couldn't connect to server", refused.exitCode() + " " + refused.stderr());

    s.explain("Quick check from the table: kubectl get svc,endpoints backend-service");
    // the endpoints controller writes the Service's Endpoints object, empty here, a moment after the Service
    s.waitUntil("the Endpoints object of " + NS + "/backend-service", DemoSteps.CONVERGE_WAIT, () ->
        s.exists(ResourceKinds.ENDPOINTS, NS, "backend-service") ? Optional.of(true) : Optional.empty());
    s.get(ResourceKinds.SERVICES, NS, "backend-service", "", true);
    s.get(ResourceKinds.ENDPOINTS, NS, "backend-service", "", false);
    s.check(s.endpoints(NS, "backend-service").isEmpty(), "ENDPOINTS <none>", s.endpoints(NS, "backend-service"));

    s.explain("\"No Endpoints\": compare the selector with the pods' real labels");
    s.getPodsShowLabels(NS);
    s.print("Service selector: app=backend-app; pod labels: app=backend (backend-app is the Deployment's name, not a label).");
    s.print("Fix: make the selector match the pods' labels (or label the pods). Apply the tutorial's own backend-service.yaml:");

    s.explain("The fix: selector app=backend; the endpoints controller fills in the three pods");
    List<String> applied = s.apply("seed-002/backend-service.yaml");
    s.check(applied.equals(List.of("service/backend-service configured")), "service/backend-service configured", applied);
    List<String> eps = s.waitEndpoints(NS, "backend-service", 3);
    s.get(ResourceKinds.ENDPOINTS, NS, "backend-service", "", false);
    List<String> podEps = pods.stream().map(p -> p.getStatus().getPodIp() + ":80").sorted().toList();
    s.check(eps.equals(podEps), "the 3 backend pods " + podEps, eps);
    PodExec.Result ok = s.curlUntilOk(debug, "http://backend-service");
    s.check(ok.stdout().contains("Backend Pod: "), "a Backend Pod answers", ok.stdout());
  }
}
