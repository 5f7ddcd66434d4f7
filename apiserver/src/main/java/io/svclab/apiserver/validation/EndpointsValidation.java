package io.svclab.apiserver.validation;

import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidateEndpoints for the legacy Endpoints kind. */
public final class EndpointsValidation {
  private EndpointsValidation() {}

  public static List<FieldError> create(EndpointsObject e) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(e.getMetadata(), true, NameRule.DNS_SUBDOMAIN));
    errs.addAll(subsets(e.getSubsetsList(), FieldPath.of("subsets")));
    return errs;
  }

  public static List<FieldError> update(EndpointsObject updated, EndpointsObject old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(subsets(updated.getSubsetsList(), FieldPath.of("subsets")));
    return errs;
  }

  private static List<FieldError> subsets(List<EndpointSubset> subsets, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < subsets.size(); i++) {
      EndpointSubset ss = subsets.get(i);
      FieldPath p = path.index(i);
      if (ss.getAddressesCount() == 0 && ss.getNotReadyAddressesCount() == 0) {
        errs.add(FieldError.required(p, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (int a = 0; a < ss.getAddressesCount(); a++) {
        errs.addAll(address(ss.getAddresses(a), p.child("addresses").index(a)));
      }
      for (int a = 0; a < ss.getNotReadyAddressesCount(); a++) {
        errs.addAll(address(ss.getNotReadyAddresses(a), p.child("notReadyAddresses").index(a)));
      }
      for (int n = 0; n < ss.getPortsCount(); n++) {
        errs.addAll(port(ss.getPorts(n), ss.getPortsCount() > 1, p.child("ports").index(n)));
      }
    }
    return errs;
  }

  private static List<FieldError> address(EndpointAddress address, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(IpValidation.ip(path.child("ip"), address.getIp()));
    if (!address.getHostname().isEmpty()) {
      errs.addAll(NameValidation.dns1123Label(address.getHostname(), path.child("hostname")));
    }
    if (address.hasNodeName()) {
      for (String msg : NameRule.DNS_SUBDOMAIN.check(address.getNodeName(), false)) {
        errs.add(FieldError.invalid(path.child("nodeName"), address.getNodeName(), msg));
      }
    }
    errs.addAll(IpValidation.nonSpecialIp(path.child("ip"), address.getIp()));
    return errs;
  }

  private static List<FieldError> port(EndpointPort port, boolean requireName, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (requireName && port.getName().isEmpty()) {
      errs.add(FieldError.required(path.child("name"), ""));
    } else if (!port.getName().isEmpty()) {
      errs.addAll(NameValidation.dns1123Label(port.getName(), path.child("name")));
    }
    errs.addAll(PortValidation.number(port.getPort(), path.child("port")));
    errs.addAll(PortValidation.protocol(port.getProtocol(), path.child("protocol")));
    if (port.hasAppProtocol()) {
      errs.addAll(LabelValidation.qualifiedName(port.getAppProtocol(), path.child("appProtocol")));
    }
    return errs;
  }
}
