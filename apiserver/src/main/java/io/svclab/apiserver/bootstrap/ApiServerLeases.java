package io.svclab.apiserver.bootstrap;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import io.svclab.api.v1.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which apiservers {@code default/kubernetes}'s Endpoints list, decided from their Leases: the
 * simplest form of kube-apiserver's "lease" endpoint reconciler ({@code --endpoint-reconciler-type
 * =lease}, which keeps one TTL key per apiserver in etcd and publishes the addresses whose key
 * lives). Here each apiserver renews a Lease {@code kube-system/apiserver-<hash>} (labelled as
 * Kubernetes labels its apiserver identity Leases) whose holderIdentity is the {@code ip:port} it
 * publishes; the Endpoints are every address whose Lease has not expired, one subset per port
 * (apiservers on one host differ by port). Every apiserver computes the same answer from the same
 * Leases, so two of them never fight, and a restart with a new address replaces its own Lease.
 */
public final class ApiServerLeases {
  public static final String NAMESPACE = "kube-system";
  public static final String IDENTITY_LABEL = "apiserver.kubernetes.io/identity";
  public static final String IDENTITY = "kube-apiserver";
  public static final String SELECTOR = IDENTITY_LABEL + "=" + IDENTITY;
  /** kube-apiserver's master lease TTL ({@code --endpoint-reconciler-type=lease}: 15 s), renewed every 10 s. */
  public static final int LEASE_SECONDS = 15;
  public static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);

  private ApiServerLeases() {}

  /** The Lease name of the apiserver serving on {@code port} of {@code host} (stable across its restarts). */
  public static String leaseName(String host, int port) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((host + ":" + port).getBytes(StandardCharsets.UTF_8));
      return "apiserver-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** {@code current} renewed by this apiserver at {@code now} (or a new Lease when there is none). */
  public static Lease renewed(Optional<Lease> current, String name, String ip, int port, Instant now) {
    Lease.Builder b = current.map(Lease::toBuilder).orElseGet(() -> Lease.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(NAMESPACE).putLabels(IDENTITY_LABEL, IDENTITY)));
    b.getSpecBuilder().setHolderIdentity(address(ip, port)).setLeaseDurationSeconds(LEASE_SECONDS).setRenewTime(timestamp(now));
    if (!b.getSpec().hasAcquireTime()) {
      b.getSpecBuilder().setAcquireTime(timestamp(now));
    }
    return b.build();
  }

  /**
   * The subsets to publish: the addresses of the Leases alive at {@code now} (those of {@code self}
   * always when given, even before its Lease is stored), grouped by port, ports and addresses sorted
   * so that equal inputs give equal objects.
   */
  public static List<EndpointSubset> publish(List<Lease> leases, Optional<String> self, Instant now) {
    Map<Integer, TreeSet<String>> byPort = new TreeMap<>();
    List<String> addresses = new ArrayList<>();
    self.ifPresent(addresses::add);
    for (Lease l : leases) {
      if (alive(l.getSpec(), now)) {
        addresses.add(l.getSpec().getHolderIdentity());
      }
    }
    for (String a : addresses) {
      int colon = a.lastIndexOf(':');
      if (colon <= 0) {
        continue;  // not a Lease of ours
      }
      try {
        int port = Integer.parseInt(a.substring(colon + 1));
        byPort.computeIfAbsent(port, p -> new TreeSet<>()).add(a.substring(0, colon));
      } catch (NumberFormatException e) {
        // not a Lease of ours
      }
    }
    List<EndpointSubset> subsets = new ArrayList<>();
    byPort.forEach((port, ips) -> {
      EndpointSubset.Builder s = EndpointSubset.newBuilder();
      ips.forEach(ip -> s.addAddresses(EndpointAddress.newBuilder().setIp(ip)));
      s.addPorts(EndpointPort.newBuilder().setName("https").setPort(port).setProtocol("TCP"));
      subsets.add(s.build());
    });
    return subsets;
  }

  public static String address(String ip, int port) {
    return ip + ":" + port;
  }

  static boolean alive(LeaseSpec spec, Instant now) {
    if (!spec.hasRenewTime() || !spec.hasLeaseDurationSeconds()) {
      return false;
    }
    Instant renewed = Instant.ofEpochSecond(spec.getRenewTime().getSeconds(), spec.getRenewTime().getNanos());
    return !renewed.plusSeconds(spec.getLeaseDurationSeconds()).isBefore(now);
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
