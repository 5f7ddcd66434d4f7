package io.svclab.cli.demo;

import com.google.protobuf.Message;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentsGrpc;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.UpdateScaleRequest;
import io.svclab.cli.manifest.Applier;
import io.svclab.client.json.DecodedObject;
import io.svclab.client.json.ManifestDecoder;
import io.svclab.client.tables.KubectlTables;
import io.svclab.client.kube.Readiness;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The small toolkit every demo is written in: apply a tutorial's file, wait for pods and
 * endpoints, run curl, nslookup and cat in a pod with the real {@code kubectl exec}, curl a
 * NodePort or load balancer from the host, print kubectl's tables,
 * check an outcome, and at the end delete what the demo created and wait until it is gone.
 */
public final class DemoSteps {
  /** Where the manifests live in the checkout, so a printed command can be run by hand. */
  public static final String RESOURCE_DIR = "cli/src/main/resources/demos/";
  static final Duration POD_WAIT = Duration.ofSeconds(180);
  static final Duration CONVERGE_WAIT = Duration.ofSeconds(120);

  private record Created(ResourceKind<?> kind, String namespace, String name) {}

  private final Channel channel;
  private final PrintStream out;
  private final String userAgent;
  private final LabDns dns;
  private final PodExec exec;
  private final List<Created> created = new ArrayList<>();
  private int checks;

  public DemoSteps(Channel channel, Path dataDir, PrintStream out, String demoName, String dnsHost, int dnsPort) {
    this.channel = channel;
    this.out = out;
    this.userAgent = "curl/8.5.0 (svclab demo " + demoName + ")";
    this.dns = new LabDns(dnsHost, dnsPort);
    this.exec = new PodExec(dataDir.resolve("kubeconfig"));
  }

  public int checks() { return checks; }

  // ---- printing ------------------------------------------------------------------------------

  /** A step: what the tutorial does next and why, in one line. */
  public void explain(String line) {
    out.println();
    out.println("==> " + line);
  }

  /** The command a person would type (kubectl's words, or the lab's own verb). */
  public void command(String line) {
    out.println("$ " + line);
  }

  public void print(String text) {
    out.print(text.endsWith("\n") ? text : text + "\n");
  }

  public void note(String line) {
    out.println("   (" + line + ")");
  }

  /** Asserts an outcome of the tutorial; prints it, or fails the demo saying what differed. */
  public void check(boolean holds, String expected, Object actual) {
    checks++;
    if (!holds) {
      throw new DemoFailure("expected " + expected + ", but got: " + actual);
    }
    out.println("   ok: " + expected);
  }

  // ---- objects -------------------------------------------------------------------------------

  public <T extends Message> ResourceClient<T> client(ResourceKind<T> kind) {
    return new ResourceClient<>(channel, kind);
  }

  /** {@code kubectl apply -f} one of the demo files; remembers what it created for the cleanup. */
  public List<String> apply(String file) throws IOException {
    command("./lab apply -f " + RESOURCE_DIR + file);
    String text;
    try (InputStream in = DemoSteps.class.getClassLoader().getResourceAsStream("demos/" + file)) {
      if (in == null) {
        throw new DemoFailure("no demo file demos/" + file + " in the cli jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Applier applier = new Applier(channel);
    List<String> lines = new ArrayList<>();
    for (DecodedObject o : ManifestDecoder.decode(text)) {
      if (!o.unknownFields().isEmpty()) {
        note("svclab does not model " + String.join(", ", o.unknownFields()) + "; ignored");
      }
      String line = applier.apply(o.kind(), o.object(), "default");
      out.println(line);
      lines.add(line);
      if (line.endsWith(" created")) {
        remember(o.kind(), o.object());
      }
    }
    return lines;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void remember(ResourceKind kind, Message object) {
    ObjectMeta meta = (ObjectMeta) kind.meta(object);
    String ns = !kind.namespaced() ? "" : meta.getNamespace().isEmpty() ? "default" : meta.getNamespace();
    created.add(new Created(kind, ns, meta.getName()));
  }

  /** {@code kubectl run NAME --image=IMAGE -n NS -- sleep infinity}: a pod to run commands "from". */
  public Pod runPod(String namespace, String name, String image) {
    command("./lab run " + name + " --image=" + image + " -n " + namespace + "   (kubectl run: the lab creates the Pod directly)");
    Pod pod = Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(namespace).putLabels("run", name))
        .setSpec(PodSpec.newBuilder().addContainers(Container.newBuilder().setName(name).setImage(image)
            .addCommand("sleep").addArgs("infinity")).setRestartPolicy("Always")).build();
    client(ResourceKinds.PODS).create(pod);
    created.add(new Created(ResourceKinds.PODS, namespace, name));
    out.println("pod/" + name + " created");
    return waitUntil("pod " + namespace + "/" + name + " Running with an IP", POD_WAIT, () -> {
      Pod p = client(ResourceKinds.PODS).get(namespace, name);
      return ready(p) && !p.getStatus().getPodIp().isEmpty() ? Optional.of(p) : Optional.empty();
    });
  }

  /** Deletes one object the demo made, as {@code kubectl delete}, and waits until it is gone. */
  public void delete(ResourceKind<?> kind, String namespace, String name) {
    command("./lab delete " + kind.kind().toLowerCase() + " " + name + (kind.namespaced() && !namespace.equals("default") ? " -n " + namespace : ""));
    client(kind).delete(namespace, name);
    out.println(Applier.resourceName(kind).replace(".apps", "") + " \"" + name + "\" deleted");
    created.removeIf(c -> c.kind() == kind && c.namespace().equals(namespace) && c.name().equals(name));
    waitGone(kind, namespace, name);
  }

  public void scale(String namespace, String deployment, int replicas) {
    command("./lab scale deployment " + deployment + " --replicas=" + replicas + (namespace.equals("default") ? "" : " -n " + namespace));
    DeploymentsGrpc.newBlockingStub(channel).updateScale(UpdateScaleRequest.newBuilder().setNamespace(namespace)
        .setName(deployment).setScale(Scale.newBuilder().setSpec(ScaleSpec.newBuilder().setReplicas(replicas))).build());
    out.println("deployment.apps/" + deployment + " scaled");
  }

  /** {@code ./lab get TYPE [NAME] [-n NS] [-l SEL] [-o wide]} printed with kubectl's columns. */
  public <T extends Message> List<T> get(ResourceKind<T> kind, String namespace, String name, String selector, boolean wide) {
    String typeWord = kind == ResourceKinds.SERVICES ? "svc" : kind.plural();
    command("./lab get " + typeWord + (name == null ? "" : " " + name) + (namespace.equals("default") ? "" : " -n " + namespace)
        + (selector.isEmpty() ? "" : " -l " + selector) + (wide ? " -o wide" : ""));
    List<T> items = name == null ? client(kind).listItems(namespace, selector) : List.of(client(kind).get(namespace, name));
    if (items.isEmpty()) {
      out.println("No resources found in " + namespace + " namespace.");
    } else {
      out.print(KubectlTables.table(kind, items, wide, Instant.now()).render());
    }
    return items;
  }

  /** {@code kubectl get pods --show-labels}: the column that shows why a selector matches or not. */
  public List<Pod> getPodsShowLabels(String namespace) {
    command("./lab get pods" + (namespace.equals("default") ? "" : " -n " + namespace) + " --show-labels");
    List<Pod> pods = client(ResourceKinds.PODS).listItems(namespace, "");
    var table = KubectlTables.table(ResourceKinds.PODS, pods, false, Instant.now());
    List<String> headers = new ArrayList<>(table.headers());
    headers.add("LABELS");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < pods.size(); i++) {
      List<String> row = new ArrayList<>(table.rows().get(i));
      row.add(labels(pods.get(i).getMetadata().getLabelsMap()));
      rows.add(row);
    }
    out.print(new io.svclab.client.tables.Table(headers, rows).render());
    return pods;
  }

  static String labels(Map<String, String> labels) {
    return labels.isEmpty() ? "<none>" : new TreeMap<>(labels).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  // ---- waiting -------------------------------------------------------------------------------

  /** Polls (every 200 ms, at most {@code atMost}) until the supplier has a value. */
  public <T> T waitUntil(String what, Duration atMost, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + atMost.toNanos();
    String last = "";
    while (true) {
      try {
        Optional<T> v = probe.get();
        if (v.isPresent()) {
          return v.get();
        }
      } catch (StatusRuntimeException e) {
        last = " (last error: " + e.getStatus().getCode() + " " + e.getStatus().getDescription() + ")";
      }
      if (System.nanoTime() > deadline) {
        throw new DemoFailure(what + " within " + atMost.toSeconds() + " s" + last);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DemoFailure("interrupted while waiting for " + what);
      }
    }
  }

  public static boolean ready(Pod p) {
    return !p.getMetadata().hasDeletionTimestamp() && Readiness.isReady(p);
  }

  /** {@code kubectl wait --for=condition=ready}: exactly {@code count} Ready pods (no terminating ones left). */
  public List<Pod> waitReadyPods(String namespace, String selector, int count) {
    return waitUntil(count + " Ready pods " + selector + " in " + namespace, POD_WAIT, () -> {
      List<Pod> all = client(ResourceKinds.PODS).listItems(namespace, selector);
      List<Pod> ready = all.stream().filter(DemoSteps::ready).toList();
      return ready.size() == count && all.size() == count ? Optional.of(ready) : Optional.empty();
    });
  }

  /** Whether the object is there (a NotFound is an answer, any other failure is not). */
  public boolean exists(ResourceKind<? extends Message> kind, String namespace, String name) {
    try {
      client(kind).get(namespace, name);
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** The ready addresses of a Service's Endpoints object, as IP:port. */
  public List<String> endpoints(String namespace, String service) {
    try {
      EndpointsObject e = client(ResourceKinds.ENDPOINTS).get(namespace, service);
      List<String> out = new ArrayList<>();
      for (EndpointSubset s : e.getSubsetsList()) {
        for (EndpointAddress a : s.getAddressesList()) {
          s.getPortsList().forEach(p -> out.add(a.getIp() + ":" + p.getPort()));
        }
      }
      Collections.sort(out);
      return out;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  public List<String> waitEndpoints(String namespace, String service, int count) {
    return waitUntil(count + " ready endpoints of " + namespace + "/" + service, CONVERGE_WAIT, () -> {
      List<String> eps = endpoints(namespace, service);
      return eps.size() == count ? Optional.of(eps) : Optional.empty();
    });
  }

  public Service service(String namespace, String name) {
    return client(ResourceKinds.SERVICES).get(namespace, name);
  }

  // ---- from inside pods: kubectl exec --------------------------------------------------------

  /** The command a learner types to run {@code argv} in {@code pod}; {@code -n} only outside default. */
  static String execLine(String namespace, String pod, List<String> argv) {
    return "kubectl exec " + (namespace.equals("default") ? "" : "-n " + namespace + " ") + pod + " -- "
        + argv.stream().map(DemoSteps::shellWord).collect(Collectors.joining(" "));
  }

  /** A word as a POSIX shell needs it: as is when plain, else in single quotes. */
  static String shellWord(String w) {
    return !w.isEmpty() && w.matches("[A-Za-z0-9_./:=@%+,-]+") ? w : "'" + w.replace("'", "'\\''") + "'";
  }

  private static List<String> execArgs(Pod pod, List<String> argv) {
    List<String> args = new ArrayList<>(List.of("exec", "-n", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), "--"));
    args.addAll(argv);
    return args;
  }

  /** {@code kubectl exec POD -- ARGV...} without printing, for loops and waits. */
  public PodExec.Result execQuiet(Pod pod, String... argv) {
    return exec.kubectl(execArgs(pod, List.of(argv)));
  }

  /** {@code kubectl exec POD -- ARGV...}: prints the command and what it printed (a long page shortened). */
  public PodExec.Result exec(Pod pod, String... argv) {
    command(execLine(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), List.of(argv)));
    PodExec.Result r = execQuiet(pod, argv);
    show(r);
    return r;
  }

  private void show(PodExec.Result r) {
    if (!r.stdout().isEmpty()) {
      out.print(shortened(r.stdout()));
    }
    if (!r.stderr().isEmpty()) {
      out.print(r.stderr().endsWith("\n") ? r.stderr() : r.stderr() + "\n");
    }
    // kubectl itself says "command terminated with exit code N" on stderr
  }

  /** {@code kubectl exec POD -- curl -s URL}, retried quietly (bounded) until curl exits 0, then printed. */
  public PodExec.Result curlUntilOk(Pod pod, String url) {
    List<String> argv = List.of("curl", "-s", url);
    String line = execLine(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), argv);
    command(line);
    PodExec.Result r = waitUntil(line + " to answer", CONVERGE_WAIT, () -> {
      PodExec.Result once = execQuiet(pod, argv.toArray(String[]::new));
      return once.ok() ? Optional.of(once) : Optional.empty();
    });
    show(r);
    return r;
  }

  /** {@code curl -s http://HOST:PORT/PATH} from the host (a NodePort, a load balancer's IP). */
  public HttpReply hostCurlUntilOk(String host, int port, String path) {
    String shownCommand = "curl -s http://" + host + (port == 80 ? "" : ":" + port) + path;
    command(shownCommand);
    HttpReply r = waitUntil(shownCommand + " to answer", CONVERGE_WAIT, () -> {
      HttpReply reply = HostCurl.get(host, port, path, userAgent);
      return reply.ok() ? Optional.of(reply) : Optional.empty();
    });
    out.print(r.status() == 0 ? r.curlError() + "\n" : shortened(r.body()));
    return r;
  }

  static String shortened(String body) {
    String shown = body;
    if (body.length() > 400) {
      // a whole nginx page would drown the steps: show its title and heading lines
      List<String> lines = body.lines().filter(l -> l.contains("<title>") || l.contains("<h1>")).toList();
      lines = lines.isEmpty() ? body.lines().limit(8).toList() : lines;
      shown = String.join("\n", lines) + "\n... (" + body.length() + " bytes)";
    }
    return shown.endsWith("\n") ? shown : shown + "\n";
  }

  /** {@code kubectl exec POD -- nslookup NAME}: the pod's resolv.conf and the lab's DNS, as the pod sees them. */
  public Lookup nslookup(Pod pod, String name) {
    return Lookup.fromNslookup(name, exec(pod, "nslookup", name).stdout());
  }

  /** The same without printing, for waits. */
  public Lookup resolve(Pod pod, String name) {
    return Lookup.fromNslookup(name, execQuiet(pod, "nslookup", name).stdout());
  }

  /** {@code dig @SERVER -p PORT +short TYPE FQDN} from the host, for records the pods' nslookup does not show. */
  public Lookup dig(String fqdn, int type) throws IOException {
    command("dig @" + dns.address() + " +short " + org.xbill.DNS.Type.string(type) + " " + fqdn + "   (from the host, to the lab's DNS server)");
    Lookup l = dns.ask(fqdn, type);
    if (!l.cname().isEmpty()) {
      out.println(l.cname() + ".");
    }
    l.addresses().forEach(out::println);
    return l;
  }

  /** {@code kubectl exec POD -- cat /etc/resolv.conf}, printed and parsed. */
  public ResolvConf resolvConf(Pod pod) {
    PodExec.Result r = exec(pod, "cat", "/etc/resolv.conf");
    if (!r.ok()) {
      throw new DemoFailure("cat /etc/resolv.conf to succeed in " + pod.getMetadata().getName() + ": " + r.stderr());
    }
    return ResolvConf.parse(r.stdout());
  }

  /** {@code kubectl logs POD | grep -c curl/}: the access-log lines curl's requests left in a pod's log (nginx's main format). */
  public long curlRequestsServedBy(Pod pod) {
    PodExec.Result r = exec.kubectl(List.of("logs", "-n", pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
    if (!r.ok()) {
      throw new DemoFailure("kubectl logs " + pod.getMetadata().getName() + " to succeed: " + r.stderr());
    }
    return r.stdout().lines().filter(l -> l.contains("\"curl/")).count();
  }

  // ---- cleanup -------------------------------------------------------------------------------

  /** Deletes what the demo created, newest first (a namespace takes its contents), and waits until gone. */
  public void cleanup() {
    if (created.isEmpty()) {
      return;
    }
    explain("Clean up: delete what this demo created and wait until it is gone");
    List<Created> todo = new ArrayList<>(created);
    Collections.reverse(todo);
    List<Created> podsOf = new ArrayList<>();
    List<String> namespaces = todo.stream().filter(c -> c.kind() == ResourceKinds.NAMESPACES).map(Created::name).toList();
    for (Created c : todo) {
      if (c.kind() != ResourceKinds.NAMESPACES && namespaces.contains(c.namespace())) {
        continue;  // deleting the namespace removes it
      }
      command("./lab delete " + c.kind().kind().toLowerCase() + " " + c.name()
          + (c.kind().namespaced() && !c.namespace().equals("default") ? " -n " + c.namespace() : ""));
      try {
        if (c.kind() == ResourceKinds.DEPLOYMENTS) {
          // its pods go by garbage collection after it; remember whose they are to wait for them
          Deployment d = client(ResourceKinds.DEPLOYMENTS).get(c.namespace(), c.name());
          podsOf.add(new Created(ResourceKinds.PODS, c.namespace(), labels(d.getSpec().getSelector().getMatchLabelsMap())));
        }
        client(c.kind()).delete(c.namespace(), c.name());
        out.println(Applier.resourceName(c.kind()).replace(".apps", "") + " \"" + c.name() + "\" deleted");
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    for (Created c : todo) {
      if (c.kind() != ResourceKinds.NAMESPACES && namespaces.contains(c.namespace())) {
        continue;
      }
      waitGone(c.kind(), c.namespace(), c.name());
    }
    for (Created pods : podsOf) {
      waitUntil("the pods " + pods.name() + " in " + pods.namespace() + " to be gone", POD_WAIT,
          () -> client(ResourceKinds.PODS).listItems(pods.namespace(), pods.name()).isEmpty() ? Optional.of(true) : Optional.empty());
    }
    out.println("   ok: everything this demo created is gone");
    created.clear();
  }

  private void waitGone(ResourceKind<?> kind, String namespace, String name) {
    waitUntil(kind.kind() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " to be gone", POD_WAIT, () -> {
      try {
        client(kind).get(namespace, name);
        return Optional.empty();
      } catch (StatusRuntimeException e) {
        return e.getStatus().getCode() == Status.Code.NOT_FOUND ? Optional.of(true) : Optional.empty();
      }
    });
    if (kind == ResourceKinds.NAMESPACES) {
      waitUntil("the pods of namespace " + name + " to be gone", POD_WAIT,
          () -> client(ResourceKinds.PODS).listItems(name, "").isEmpty() ? Optional.of(true) : Optional.empty());
    }
  }
}
