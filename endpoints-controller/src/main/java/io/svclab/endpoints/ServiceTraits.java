package io.svclab.endpoints;

import io.svclab.api.v1.Service;
import java.util.ArrayList;
import java.util.List;

/** What the endpoints controllers need to know about a Service, read the way Kubernetes reads it. */
public final class ServiceTraits {
  private ServiceTraits() {}

  /**
   * Kubernetes distinguishes a nil selector (select nothing, endpoints are written by hand)
   * from an empty one; proto3 maps cannot, so an empty selector counts as no selector.
   */
  public static boolean hasSelector(Service service) {
    return service.getSpec().getSelectorCount() > 0;
  }

  public static boolean isExternalName(Service service) {
    return "ExternalName".equals(service.getSpec().getType());
  }

  /** Headless means no cluster IP to proxy: clusterIP "None", or not set at all. */
  public static boolean isHeadless(Service service) {
    String clusterIp = service.getSpec().getClusterIp();
    return clusterIp.isEmpty() || "None".equals(clusterIp);
  }

  public static boolean isDeleting(Service service) {
    return service.getMetadata().hasDeletionTimestamp();
  }

  /**
   * The address types a Service's slices carry, from spec.ipFamilies. Fallback, as Kubernetes
   * does for objects written before ipFamilies existed: the family of the clusterIP, and for
   * a headless Service both families.
   */
  public static List<AddressType> addressTypes(Service service) {
    List<AddressType> types = new ArrayList<>();
    for (String family : service.getSpec().getIpFamiliesList()) {
      if ("IPv4".equals(family) && !types.contains(AddressType.IPv4)) types.add(AddressType.IPv4);
      if ("IPv6".equals(family) && !types.contains(AddressType.IPv6)) types.add(AddressType.IPv6);
    }
    if (!types.isEmpty()) {
      types.sort(null);
      return List.copyOf(types);
    }
    if (!isHeadless(service)) {
      return List.of(AddressType.of(service.getSpec().getClusterIp()).orElse(AddressType.IPv4));
    }
    return List.of(AddressType.IPv4, AddressType.IPv6);
  }
}
