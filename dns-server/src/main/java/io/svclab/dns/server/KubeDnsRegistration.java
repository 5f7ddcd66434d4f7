package io.svclab.dns.server;

import io.svclab.client.kube.WellKnown;
import io.svclab.client.resource.StatusText;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.resource.ResourceClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this server as an endpoint of {@code kube-system/kube-dns}: one EndpointSlice
 * {@code kube-dns-svclab-dns-server} labelled {@code kubernetes.io/service-name: kube-dns}
 * and {@code endpointslice.kubernetes.io/managed-by: dns-server.svclab.io}, so the
 * endpoints-controller (which owns only slices it manages) leaves it alone, and node-proxy
 * sends {@code 127.96.0.10:53} to it. Ports carry the Service's port names ({@code dns} UDP,
 * {@code dns-tcp} TCP, {@code metrics} TCP) with this server's real ports (1053, not 53:
 * an EndpointSlice port is the target port). Kept in place every 30 s; deleted at stop.
 */
public final class KubeDnsRegistration implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KubeDnsRegistration.class);
  public static final String NAMESPACE = "kube-system";
  public static final String NAME = "kube-dns-svclab-dns-server";
  public static final String MANAGED_BY = "dns-server.svclab.io";

  private final ResourceClient<EndpointSlice> client;
  private final EndpointSlice desired;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean registered;

  public KubeDnsRegistration(ResourceClient<EndpointSlice> client, String address, int dnsPort, int metricsPort) {
    this.client = client;
    this.desired = desired(address, dnsPort, metricsPort);
    this.thread = new Thread(this::run, "kube-dns-registration");
    this.thread.setDaemon(true);
  }

  /** The slice this server keeps in place (pure). */
  public static EndpointSlice desired(String address, int dnsPort, int metricsPort) {
    return EndpointSlice.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(NAME).setNamespace(NAMESPACE)
            .putLabels(WellKnown.LABEL_SERVICE_NAME, "kube-dns")
            .putLabels(WellKnown.LABEL_MANAGED_BY, MANAGED_BY))
        .setAddressType(address.indexOf(':') >= 0 ? "IPv6" : "IPv4")
        .addEndpoints(Endpoint.newBuilder().addAddresses(address)
            .setConditions(EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false)))
        .addPorts(EndpointSlicePort.newBuilder().setName("dns").setProtocol("UDP").setPort(dnsPort))
        .addPorts(EndpointSlicePort.newBuilder().setName("dns-tcp").setProtocol("TCP").setPort(dnsPort))
        .addPorts(EndpointSlicePort.newBuilder().setName("metrics").setProtocol("TCP").setPort(metricsPort))
        .build();
  }

  public KubeDnsRegistration start() {
    thread.start();
    return this;
  }

  public boolean registered() {
    return registered;
  }

  private void run() {
    while (running) {
      try {
        ensure();
        registered = true;
        sleep(30_000);
      } catch (StatusRuntimeException e) {
        log.warn("registering {}/{} failed: {}; retrying", NAMESPACE, NAME, StatusText.of(e));
        sleep(1_000);
      } catch (RuntimeException e) {
        log.warn("registering {}/{} failed: {}; retrying", NAMESPACE, NAME, e.toString());
        sleep(1_000);
      }
    }
  }

  private void ensure() {
    EndpointSlice existing;
    try {
      existing = client.get(NAMESPACE, NAME);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) throw e;
      client.create(desired);
      log.info("registered as an endpoint of {}/kube-dns ({})", NAMESPACE, NAME);
      return;
    }
    EndpointSlice want = desired.toBuilder().setMetadata(existing.getMetadata().toBuilder()
        .putAllLabels(desired.getMetadata().getLabelsMap())).build();
    if (!want.getEndpointsList().equals(existing.getEndpointsList())
        || !want.getPortsList().equals(existing.getPortsList())
        || !want.getMetadata().getLabelsMap().equals(existing.getMetadata().getLabelsMap())) {
      client.update(want);
      log.info("updated {}/{}", NAMESPACE, NAME);
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      client.delete(NAMESPACE, NAME);
      log.info("deregistered {}/{}", NAMESPACE, NAME);
    } catch (RuntimeException e) {
      log.debug("deregistering {}/{}: {}", NAMESPACE, NAME, e.toString());
    }
  }
}
