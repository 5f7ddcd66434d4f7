package io.svclab.cli;

import io.svclab.cli.errors.ServerError;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.DeploymentsGrpc;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.api.v1.UpdateScaleRequest;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab scale deployment NAME --replicas=N}, through the scale subresource. */
@Command(name = "scale", description = "Set a Deployment's replicas (kubectl scale).")
public final class ScaleCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "deployment (or deploy), or deployment/NAME")
  String type;

  @Parameters(index = "1", arity = "0..1")
  String name;

  @Option(names = "--replicas", required = true)
  int replicas;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, converter = ApiFlag.class,
      description = "API address, or a list host:port,host:port to fail over between.")
  String server;

  @Override
  public Integer call() {
    String target = name;
    String kind = type;
    if (type.contains("/")) {
      kind = type.substring(0, type.indexOf('/'));
      target = type.substring(type.indexOf('/') + 1);
    }
    if (!kind.startsWith("deploy") || target == null) {
      System.err.println("error: only deployments can be scaled here: ./lab scale deployment NAME --replicas=N");
      return 1;
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    try {
      DeploymentsGrpc.newBlockingStub(channel).updateScale(UpdateScaleRequest.newBuilder().setNamespace(namespace)
          .setName(target).setScale(Scale.newBuilder().setSpec(ScaleSpec.newBuilder().setReplicas(replicas))).build());
      System.out.println("deployment.apps/" + target + " scaled");
      return 0;
    } catch (StatusRuntimeException e) {
      System.err.println(ServerError.message(e, server));
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }
}
