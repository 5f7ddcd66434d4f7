package io.svclab.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.cli.manifest.Applier;
import io.svclab.client.json.DecodedObject;
import io.svclab.cli.manifest.ManifestError;
import io.svclab.cli.manifest.ManifestFiles;
import io.svclab.cli.errors.ServerError;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab apply -f FILE|DIR|-}: kubectl apply for the lab's API. */
@Command(name = "apply", description = "Create or update objects from YAML/JSON manifests (kubectl apply).")
public final class ApplyCommand implements Callable<Integer> {
  @Option(names = "-f", required = true, description = "File, directory (its .yaml/.yml/.json files) or - for stdin.")
  List<String> files;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace for objects that name none.")
  String namespace;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, converter = ApiFlag.class,
      description = "API address, or a list host:port,host:port to fail over between.")
  String server;

  @Override
  public Integer call() throws Exception {
    List<DecodedObject> objects;
    try {
      objects = ManifestFiles.load(files, System.in);  // every file before any write: one bad file, nothing applied
    } catch (ManifestError e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    int failures = 0;
    try {
      Applier applier = new Applier(channel);
      for (DecodedObject o : objects) {
        for (String field : o.unknownFields()) {
          System.err.println("Warning: unknown field \"" + field + "\" (not modelled by svclab, ignored)");
        }
        try {
          System.out.println(applier.apply(o.kind(), o.object(), namespace));
        } catch (StatusRuntimeException e) {
          System.err.println(ServerError.message(e, server));
          failures++;
        }
      }
    } finally {
      channel.shutdownNow();
    }
    return failures == 0 ? 0 : 1;
  }
}
