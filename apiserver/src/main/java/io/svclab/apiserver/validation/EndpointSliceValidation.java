package io.svclab.apiserver.validation;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes' ValidateEndpointSlice (pkg/apis/discovery/validation). */
public final class EndpointSliceValidation {
  private EndpointSliceValidation() {}

  private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
  private static final int MAX_ENDPOINTS = 1000;
  private static final int MAX_ADDRESSES = 100;
  private static final int MAX_PORTS = 100;

  public static List<FieldError> create(EndpointSlice slice) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(slice.getMetadata(), true, NameRule.DNS_SUBDOMAIN));
    errs.addAll(body(slice));
    return errs;
  }

  public static List<FieldError> update(EndpointSlice updated, EndpointSlice old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(body(updated));
    errs.addAll(ObjectMetaValidation.immutable(updated.getAddressType(), old.getAddressType(), FieldPath.of("addressType")));
    return errs;
  }

  private static List<FieldError> body(EndpointSlice slice) {
    List<FieldError> errs = new ArrayList<>();
    FieldPath typePath = FieldPath.of("addressType");
    if (slice.getAddressType().isEmpty()) {
      errs.add(FieldError.required(typePath, ""));
    } else if (!ADDRESS_TYPES.contains(slice.getAddressType())) {
      errs.add(FieldError.notSupported(typePath, slice.getAddressType(), ADDRESS_TYPES));
    }
    errs.addAll(endpoints(slice.getEndpointsList(), slice.getAddressType(), FieldPath.of("endpoints")));
    errs.addAll(ports(slice.getPortsList(), FieldPath.of("ports")));
    return errs;
  }

  private static List<FieldError> endpoints(List<Endpoint> endpoints, String addressType, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (endpoints.size() > MAX_ENDPOINTS) {
      errs.add(FieldError.tooMany(path, endpoints.size(), MAX_ENDPOINTS));
      return errs;
    }
    for (int i = 0; i < endpoints.size(); i++) {
      Endpoint e = endpoints.get(i);
      FieldPath p = path.index(i);
      FieldPath addresses = p.child("addresses");
      if (e.getAddressesCount() == 0) {
        errs.add(FieldError.required(addresses, "must contain at least 1 address"));
      } else if (e.getAddressesCount() > MAX_ADDRESSES) {
        errs.add(FieldError.tooMany(addresses, e.getAddressesCount(), MAX_ADDRESSES));
      }
      for (int a = 0; a < e.getAddressesCount(); a++) {
        String address = e.getAddresses(a);
        FieldPath ap = addresses.index(a);
        switch (addressType) {
          case "IPv4" -> {
            errs.addAll(IpValidation.ipv4(ap, address));
            errs.addAll(IpValidation.nonSpecialIp(ap, address));
          }
          case "IPv6" -> {
            errs.addAll(IpValidation.ipv6(ap, address));
            errs.addAll(IpValidation.nonSpecialIp(ap, address));
          }
          case "FQDN" -> errs.addAll(fqdn(ap, address));
          default -> { }
        }
      }
      if (e.hasNodeName()) {
        for (String msg : NameRule.DNS_SUBDOMAIN.check(e.getNodeName(), false)) {
          errs.add(FieldError.invalid(p.child("nodeName"), e.getNodeName(), msg));
        }
      }
      if (e.hasHostname()) {
        errs.addAll(NameValidation.dns1123Label(e.getHostname(), p.child("hostname")));
      }
    }
    return errs;
  }

  /** IsFullyQualifiedDomainName. */
  private static List<FieldError> fqdn(FieldPath path, String name) {
    if (name.isEmpty()) {
      return List.of(FieldError.required(path, ""));
    }
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    List<String> errs = NameValidation.dns1123Subdomain(n);
    if (!errs.isEmpty()) {
      return List.of(FieldError.invalid(path, n, String.join(",", errs)));
    }
    String[] labels = n.split("\\.", -1);
    if (labels.length < 2) {
      return List.of(FieldError.invalid(path, n, "should be a domain with at least two segments separated by dots"));
    }
    for (String label : labels) {
      List<String> labelErrs = NameValidation.dns1123Label(label);
      if (!labelErrs.isEmpty()) {
        return List.of(FieldError.invalid(path, label, String.join(",", labelErrs)));
      }
    }
    return List.of();
  }

  private static List<FieldError> ports(List<EndpointSlicePort> ports, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (ports.size() > MAX_PORTS) {
      errs.add(FieldError.tooMany(path, ports.size(), MAX_PORTS));
      return errs;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      EndpointSlicePort port = ports.get(i);
      FieldPath p = path.index(i);
      if (!port.getName().isEmpty()) {
        errs.addAll(NameValidation.dns1123Label(port.getName(), p.child("name")));
      }
      if (!names.add(port.getName())) {
        errs.add(FieldError.duplicate(p.child("name"), port.getName()));
      }
      if (!port.hasProtocol()) {
        errs.add(FieldError.required(p.child("protocol"), ""));
      } else if (!PortValidation.PROTOCOLS.contains(port.getProtocol())) {
        errs.add(FieldError.notSupported(p.child("protocol"), port.getProtocol(), PortValidation.PROTOCOLS));
      }
      if (port.hasAppProtocol()) {
        errs.addAll(LabelValidation.qualifiedName(port.getAppProtocol(), p.child("appProtocol")));
      }
    }
    return errs;
  }
}
