package io.svclab.cli;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.cli.errors.ServerError;
import io.svclab.cli.manifest.Applier;
import io.svclab.client.json.DecodedObject;
import io.svclab.cli.manifest.ManifestError;
import io.svclab.cli.manifest.ManifestFiles;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab delete -f FILE|DIR|-} or {@code ./lab delete TYPE NAME...}: kubectl delete, waiting until the objects are gone. */
@Command(name = "delete", description = "Delete resources by file (-f) or by type and names (kubectl delete).")
public final class DeleteCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", description = "TYPE NAME..., or TYPE/NAME...")
  List<String> args = new ArrayList<>();

  @Option(names = "-f", description = "File, directory or - for stdin, as apply takes.")
  List<String> files = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Option(names = "--wait", defaultValue = "true", arity = "0..1",
      description = "Wait until the objects are gone (finalizers done), as kubectl does. Default true.")
  boolean waitForGone;

  @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for each object to go. Default 60.")
  long timeoutSeconds;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, converter = ApiFlag.class,
      description = "API address, or a list host:port,host:port to fail over between.")
  String server;

  record Target(ResourceKind<?> kind, String namespace, String name) {}

  @Override
  public Integer call() throws Exception {
    List<Target> targets = new ArrayList<>();
    int failures = 0;
    if (!files.isEmpty()) {
      try {
        for (DecodedObject o : ManifestFiles.load(files, System.in)) {
          targets.add(target(o));
        }
      } catch (ManifestError e) {
        System.err.println("error: " + e.getMessage());
        return 1;
      }
    } else {
      try {
        targets.addAll(targetsFromArgs());
      } catch (IllegalArgumentException e) {
        System.err.println("error: " + e.getMessage());
        return 1;
      }
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    try {
      List<Target> deleted = new ArrayList<>();
      for (Target t : targets) {
        try {
          new ResourceClient<>(channel, t.kind()).delete(t.namespace(), t.name());
          System.out.println(Applier.resourceName(t.kind()) + " \"" + t.name() + "\" deleted");
          deleted.add(t);
        } catch (StatusRuntimeException e) {
          System.err.println(ServerError.message(e, server));
          failures++;
        }
      }
      if (waitForGone) {
        for (Target t : deleted) {
          if (!awaitGone(channel, t)) {
            System.err.println("error: timed out waiting for the condition on " + t.kind().plural() + "/" + t.name());
            failures++;
          }
        }
      }
    } finally {
      channel.shutdownNow();
    }
    return failures == 0 ? 0 : 1;
  }

  private Target target(DecodedObject o) {
    @SuppressWarnings("unchecked")
    ResourceKind<Message> kind = (ResourceKind<Message>) o.kind();
    var meta = kind.meta(o.object());
    String ns = !kind.namespaced() ? "" : meta.getNamespace().isEmpty() ? namespace : meta.getNamespace();
    return new Target(kind, ns, meta.getName());
  }

  /** {@code svc web db} or {@code svc/web deploy/x}, as kubectl takes them. */
  List<Target> targetsFromArgs() {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("You must provide one or more resources by argument or filename.");
    }
    List<Target> out = new ArrayList<>();
    if (args.get(0).contains("/")) {
      for (String a : args) {
        String[] typeName = a.split("/", 2);
        ResourceKind<?> kind = ResourceNames.require(typeName[0]);
        out.add(new Target(kind, kind.namespaced() ? namespace : "", typeName[1]));
      }
      return out;
    }
    ResourceKind<?> kind = ResourceNames.require(args.get(0));
    if (args.size() == 1) {
      throw new IllegalArgumentException("resource(s) were provided, but no name was specified");
    }
    for (String name : args.subList(1, args.size())) {
      out.add(new Target(kind, kind.namespaced() ? namespace : "", name));
    }
    return out;
  }

  /** Polls until NotFound; pods and Services with finalizers linger a little (grace period, LB cleanup). */
  private boolean awaitGone(ManagedChannel channel, Target t) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    ResourceClient<?> client = new ResourceClient<>(channel, t.kind());
    while (System.nanoTime() < deadline) {
      try {
        client.get(t.namespace(), t.name());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
          return true;
        }
        throw e;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
