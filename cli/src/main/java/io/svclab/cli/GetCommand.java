package io.svclab.cli;

import io.svclab.cli.errors.ServerError;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.client.tables.KubectlTables;
import io.svclab.client.tables.Table;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.flags.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.WatchRequest;
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

  @Option(names = {"-w", "--watch"}, description = "After listing, print a row for every change, until Ctrl-C.")
  boolean watch;

  @Option(names = "--request-timeout", defaultValue = "0",
      description = "With -w: stop watching after this long (5, 5s, 2m); 0 watches until Ctrl-C.")
  String requestTimeout;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, converter = ApiFlag.class,
      description = "API address, or a list host:port,host:port to fail over between.")
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
      System.err.println(ServerError.message(e, server));
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  private <T extends Message> int print(ResourceKind<?> kind, ResourceClient<T> client) throws Exception {
    String ns = allNamespaces || !kind.namespaced() ? "" : namespace;
    if (watch) {
      return watch(client, ns);
    }
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
    System.out.print(table(client.kind(), items).render());
    return 0;
  }

  private <T extends Message> Table table(ResourceKind<T> kind, List<T> items) {
    Table t = KubectlTables.table(kind, items, "wide".equals(output), Instant.now());
    if (allNamespaces && kind.namespaced()) {
      List<String> headers = new ArrayList<>(List.of("NAMESPACE"));
      headers.addAll(t.headers());
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < items.size(); i++) {
        List<String> r = new ArrayList<>(List.of(kind.meta(items.get(i)).getNamespace()));
        r.addAll(t.rows().get(i));
        rows.add(r);
      }
      t = new Table(headers, rows);
    }
    return t;
  }

  /**
   * kubectl get -w: the current table, then one row (no header) per ADDED/MODIFIED/DELETED
   * event from the list's resourceVersion on, so no change between list and watch is missed.
   */
  private <T extends Message> int watch(ResourceClient<T> client, String ns) throws Exception {
    ResourceKind<T> kind = client.kind();
    String fieldSelector = name == null ? "" : "metadata.name=" + name;
    Message list = client.list(ListRequest.newBuilder().setNamespace(ns).setLabelSelector(selector)
        .setFieldSelector(fieldSelector).build());
    List<T> items = kind.listItems(list);
    if (items.isEmpty()) {
      System.err.println(ns.isEmpty() ? "No resources found" : "No resources found in " + ns + " namespace.");
    } else {
      System.out.print(table(kind, items).render());
    }
    System.out.flush();
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    var call = client.watch(WatchRequest.newBuilder().setNamespace(ns).setLabelSelector(selector).setFieldSelector(fieldSelector)
        .setResourceVersion(kind.listMeta(list).getResourceVersion()).build(), new StreamObserver<>() {
          @Override public void onNext(Message event) { events.add(event); }
          @Override public void onError(Throwable t) { events.add(t); }
          @Override public void onCompleted() { events.add(Boolean.TRUE); }
        });
    // kubectl takes a bare number as seconds, else a Go duration ("5s", "2m")
    long limitNanos = (requestTimeout.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(requestTimeout))
        : GoDuration.parse(requestTimeout)).toNanos();
    long deadline = System.nanoTime() + limitNanos;
    try {
      while (limitNanos == 0 || System.nanoTime() < deadline) {
        Object next = limitNanos == 0 ? events.take() : events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (next == null || next == Boolean.TRUE) {
          break;
        }
        if (next instanceof Throwable t) {
          System.err.println(ServerError.message(t, server));
          return 1;
        }
        Message event = (Message) next;
        if (kind.watchEventType(event) == EventType.BOOKMARK) {
          continue;
        }
        String row = table(kind, List.of(kind.watchEventObject(event))).render();
        System.out.print(row.substring(row.indexOf('\n') + 1));
        System.out.flush();
      }
    } finally {
      call.cancel("watch ended", null);
    }
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
