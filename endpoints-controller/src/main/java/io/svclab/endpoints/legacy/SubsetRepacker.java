package io.svclab.endpoints.legacy;

import com.google.protobuf.ByteString;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' endpoints.RepackSubsets: any list of subsets, expanded to (address, port,
 * ready) and packed again into the canonical layout: one subset per distinct set of
 * addresses, holding every port that exactly that set offers. Canonical form is what makes
 * "did anything change" a plain equality.
 */
public final class SubsetRepacker {
  private SubsetRepacker() {}

  /** Addresses are the same when IP and target uid are (Kubernetes' addressKey). */
  private record AddressKey(String ip, String uid) implements Comparable<AddressKey> {
    static AddressKey of(EndpointAddress address) {
      return new AddressKey(address.getIp(), address.hasTargetRef() ? address.getTargetRef().getUid() : null);
    }

    /** Kubernetes' LessEndpointAddress: IP bytes, then no target before any, then uid. */
    @Override
    public int compareTo(AddressKey other) {
      int byIp = ByteString.unsignedLexicographicalComparator()
          .compare(ByteString.copyFromUtf8(ip), ByteString.copyFromUtf8(other.ip));
      if (byIp != 0) return byIp;
      if (uid == null) return other.uid == null ? 0 : -1;
      if (other.uid == null) return 1;
      return uid.compareTo(other.uid);
    }
  }

  /** Stands for "no ports" so that addresses of a port-less headless Service survive. */
  private static final EndpointPort NO_PORT = EndpointPort.newBuilder().setPort(-1).build();

  static final Comparator<EndpointAddress> ADDRESS_ORDER = Comparator.comparing(AddressKey::of);

  /** Kubernetes sorts ports and subsets by an md5 of their dump; any total order will do. */
  static final Comparator<EndpointPort> PORT_ORDER = Comparator
      .comparing(EndpointPort::getName)
      .thenComparingInt(EndpointPort::getPort)
      .thenComparing(EndpointPort::getProtocol)
      .thenComparing(EndpointPort::getAppProtocol);

  private static final Comparator<EndpointSubset> SUBSET_ORDER = Comparator
      .comparing((EndpointSubset s) -> firstKey(s.getAddressesList()), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(s -> firstKey(s.getNotReadyAddressesList()), Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(s -> s.getPortsCount() == 0 ? null : s.getPorts(0), Comparator.nullsFirst(PORT_ORDER));

  public static List<EndpointSubset> repack(List<EndpointSubset> subsets) {
    Map<AddressKey, EndpointAddress> allAddresses = new LinkedHashMap<>();
    Map<EndpointPort, TreeMap<AddressKey, Boolean>> readyByPort = new LinkedHashMap<>();
    for (EndpointSubset subset : subsets) {
      List<EndpointPort> ports = subset.getPortsCount() == 0 ? List.of(NO_PORT) : subset.getPortsList();
      for (EndpointPort port : ports) {
        for (EndpointAddress address : subset.getAddressesList()) {
          record(address, port, true, allAddresses, readyByPort);
        }
        for (EndpointAddress address : subset.getNotReadyAddressesList()) {
          record(address, port, false, allAddresses, readyByPort);
        }
      }
    }

    Map<TreeMap<AddressKey, Boolean>, List<EndpointPort>> portsByAddressSet = new LinkedHashMap<>();
    readyByPort.forEach((port, addresses) -> {
      List<EndpointPort> ports = portsByAddressSet.computeIfAbsent(addresses, k -> new ArrayList<>());
      if (port.getPort() > 0) ports.add(port);
    });

    List<EndpointSubset> packed = new ArrayList<>();
    portsByAddressSet.forEach((addresses, ports) -> {
      EndpointSubset.Builder subset = EndpointSubset.newBuilder();
      addresses.forEach((key, ready) -> {
        if (ready) subset.addAddresses(allAddresses.get(key));
        else subset.addNotReadyAddresses(allAddresses.get(key));
      });
      subset.addAllPorts(ports.stream().sorted(PORT_ORDER).toList());
      packed.add(subset.build());
    });
    packed.sort(SUBSET_ORDER);
    return List.copyOf(packed);
  }

  /** The first copy of an address wins; not-ready on any subset wins over ready for a port. */
  private static void record(EndpointAddress address, EndpointPort port, boolean ready,
      Map<AddressKey, EndpointAddress> allAddresses, Map<EndpointPort, TreeMap<AddressKey, Boolean>> readyByPort) {
    AddressKey key = AddressKey.of(address);
    allAddresses.putIfAbsent(key, address);
    readyByPort.computeIfAbsent(port, p -> new TreeMap<>()).merge(key, ready, Boolean::logicalAnd);
  }

  private static AddressKey firstKey(List<EndpointAddress> addresses) {
    return addresses.isEmpty() ? null : AddressKey.of(addresses.get(0));
  }
}
