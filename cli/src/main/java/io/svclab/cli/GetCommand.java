package io.svclab.cli;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.cli.tables.KubectlTables;
import io.svclab.cli.tables.Table;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab get TYPE [NAME]}: kubectl's columns, or the objects as YAML/JSON. */
@Command(name = "get", description = "Display resources with kubectl's columns (svc, pods, endpoints, deploy, nodes...).")
public final class GetCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Resource type: svc, pods, endpoints, endpointslices, deploy, rs, nodes, events, ns")
  String type;

  @Parameters(index = "1", arity = "0..1", description = "Name")
  String name;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"})
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, description = "wide, yaml or json")
  String output;

  @Option(names = {"-l", "--selector"}, defaultValue = "")
  String selector;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT)
  String server;

  @Override
  public Integer call() throws Exception {
    ResourceKind<?> kind;
    try {
      kind = ResourceNames.require(type);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    try {
      return print(kind, new ResourceClient<>(channel, kind));
    } catch (StatusRuntimeException e) {
      System.err.println("Error from server (" + e.getStatus().getCode() + "): " + e.getStatus().getDescription());
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  private <T extends Message> int print(ResourceKind<?> kind, ResourceClient<T> client) throws Exception {
    String ns = allNamespaces || !kind.namespaced() ? "" : namespace;
    List<T> items = name != null ? List.of(client.get(ns, name)) : client.listItems(ns, selector);
    if ("json".equals(output) || "yaml".equals(output)) {
      String json = items.size() == 1 && name != null ? JsonFormat.printer().print(items.get(0))
          : "{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[" + String.join(",", jsonItems(items)) + "]}";
      if ("json".equals(output)) {
        System.out.println(json);
      } else {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        System.out.print(new Yaml(o).dump(new Yaml().load(json)));
      }
      return 0;
    }
    if (items.isEmpty()) {
      System.err.println(ns.isEmpty() ? "No resources found" : "No resources found in " + ns + " namespace.");
      return 0;
    }
    Table t = KubectlTables.table(kind, items, "wide".equals(output), Instant.now());
    if (allNamespaces && kind.namespaced()) {
      List<String> headers = new ArrayList<>(List.of("NAMESPACE"));
      headers.addAll(t.headers());
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        List<String> r = new ArrayList<>(List.of(client.kind().meta(items.get(i)).getNamespace()));
        r.addAll(t.rows().get(i));
        rows.add(r);
      }
      t = new Table(headers, rows);
    }
    System.out.print(t.render());
    return 0;
  }

  private static <T extends Message> List<String> jsonItems(List<T> items) throws Exception {
    List<String> out = new ArrayList<>();
    for (T item : items) {
      out.add(JsonFormat.printer().omittingInsignificantWhitespace().print(item));
    }
    return out;
  }

}
