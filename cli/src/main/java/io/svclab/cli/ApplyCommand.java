package io.svclab.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.cli.manifest.Applier;
import io.svclab.cli.manifest.DecodedObject;
import io.svclab.cli.manifest.ManifestDecoder;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab apply -f FILE|DIR|-}: kubectl apply for the lab's API. */
@Command(name = "apply", description = "Create or update objects from YAML/JSON manifests (kubectl apply).")
public final class ApplyCommand implements Callable<Integer> {
  @Option(names = "-f", required = true, description = "File, directory (its .yaml/.yml/.json files) or - for stdin.")
  List<String> files;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "Namespace for objects that name none.")
  String namespace;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, description = "API address.")
  String server;

  @Override
  public Integer call() throws Exception {
    List<String> texts = new ArrayList<>();
    for (String f : files) {
      if ("-".equals(f)) {
        texts.add(new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
      } else if (Files.isDirectory(Path.of(f))) {
        try (Stream<Path> s = Files.list(Path.of(f))) {
          for (Path p : s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList()) {
            texts.add(Files.readString(p));
          }
        }
      } else {
        texts.add(Files.readString(Path.of(f)));
      }
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    int failures = 0;
    try {
      Applier applier = new Applier(channel);
      for (String text : texts) {
        List<DecodedObject> objects;
        try {
          objects = ManifestDecoder.decode(text);
        } catch (IllegalArgumentException e) {
          System.err.println("error: " + e.getMessage());
          failures++;
          continue;
        }
        for (DecodedObject o : objects) {
          for (String field : o.unknownFields()) {
            System.err.println("Warning: unknown field \"" + field + "\" (not modelled by svclab, ignored)");
          }
          try {
            System.out.println(applier.apply(o.kind(), o.object(), namespace));
          } catch (StatusRuntimeException e) {
            System.err.println("Error from server (" + e.getStatus().getCode() + "): " + e.getStatus().getDescription());
            failures++;
          }
        }
      }
    } finally {
      channel.shutdownNow();
    }
    return failures == 0 ? 0 : 1;
  }
}
