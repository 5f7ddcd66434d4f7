package io.svclab.e2e.bench;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** The apiserver's gRPC API, as svclab's own clients speak it: four channels for calls, four for watches. */
final class GrpcFrontDoor implements FrontDoor {
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<ResourceClient<Service>> clients = new ArrayList<>();
  private final List<ResourceClient<Service>> watchClients = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  GrpcFrontDoor(String target) {
    for (int i = 0; i < 4; i++) {
      ManagedChannel ch = ApiChannels.forTarget(target);
      channels.add(ch);
      clients.add(new ResourceClient<>(ch, ResourceKinds.SERVICES, 30_000));
      ManagedChannel w = ApiChannels.forTarget(target);
      channels.add(w);
      watchClients.add(new ResourceClient<>(w, ResourceKinds.SERVICES, 30_000));
    }
  }

  /** The Service both doors create: {@link ServiceFixture}'s, labelled with its load client. */
  static Service service(String name, int client) {
    Service s = ServiceFixture.service(name);
    return s.toBuilder().setMetadata(s.getMetadata().toBuilder()
        .putLabels(CLIENT_LABEL, FrontDoor.clientLabelValue(client))).build();
  }

  /** Load clients spread over the channels, each client always on the same one. */
  private ResourceClient<Service> client(int client) {
    return clients.get(client % clients.size());
  }

  @Override
  public String name() {
    return "grpc";
  }

  @Override
  public void create(int client, String name) {
    client(client).create(service(name, client));
  }

  @Override
  public void get(int client, String name) {
    client(client).get("default", name);
  }

  @Override
  public int list(int client) {
    ResourceClient<Service> c = client(client);
    return c.kind().listItems(c.list(ListRequest.newBuilder().setNamespace("default")
        .setLabelSelector(CLIENT_LABEL + "=" + FrontDoor.clientLabelValue(client)).setLimit(500).build())).size();
  }

  @Override
  public void delete(int client, String name) {
    client(client).delete("default", name);
  }

  @Override
  public AutoCloseable watch(IntConsumer onAdded) {
    ResourceClient<Service> client = watchClients.get(next.getAndIncrement() % watchClients.size());
    return ServiceWatches.open(client, t -> t == EventType.ADDED, onAdded);
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
