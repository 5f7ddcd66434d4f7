package io.svclab.apiserver.validation;

import io.svclab.api.v1.ServiceSpec;
import io.svclab.net.ip.IpAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * clusterIP / clusterIPs / ipFamilies / ipFamilyPolicy (Kubernetes'
 * ValidateServiceClusterIPsRelatedFields and the upgrade/downgrade rules of an update).
 * Errors name spec.clusterIPs, not spec.clusterIP: Kubernetes checks the list, which the
 * defaulter has already synced from clusterIP.
 */
final class ServiceClusterIpValidation {
  private ServiceClusterIpValidation() {}

  private static final FieldPath CLUSTER_IPS = FieldPath.of("spec", "clusterIPs");
  private static final FieldPath IP_FAMILIES = FieldPath.of("spec", "ipFamilies");
  private static final FieldPath IP_FAMILY_POLICY = FieldPath.of("spec", "ipFamilyPolicy");

  static List<FieldError> create(ServiceSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    if (spec.getType().equals(ServiceValidation.EXTERNAL_NAME)) {
      return errs;
    }
    List<String> ips = spec.getClusterIpsList();
    if (!spec.getClusterIp().isEmpty()) {
      if (ips.isEmpty()) {
        errs.add(FieldError.required(CLUSTER_IPS, ""));
      } else if (!ips.get(0).equals(spec.getClusterIp())) {
        errs.add(FieldError.invalid(CLUSTER_IPS, BadValue.stringSlice(ips), "first value must match `clusterIP`"));
      }
    } else if (!ips.isEmpty()) {
      errs.add(FieldError.invalid(CLUSTER_IPS, BadValue.stringSlice(ips), "must be empty when `clusterIP` is not specified"));
    }

    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.getIpFamiliesCount(); i++) {
      String family = spec.getIpFamilies(i);
      if (!ServiceValidation.ipFamilies().contains(family)) {
        errs.add(FieldError.notSupported(IP_FAMILIES.index(i), family, ServiceValidation.ipFamilies()));
      }
      if (!seen.add(family)) {
        errs.add(FieldError.duplicate(IP_FAMILIES.index(i), family));
      }
    }
    if (spec.hasIpFamilyPolicy() && !ServiceValidation.ipFamilyPolicies().contains(spec.getIpFamilyPolicy())) {
      errs.add(FieldError.notSupported(IP_FAMILY_POLICY, spec.getIpFamilyPolicy(), ServiceValidation.ipFamilyPolicies()));
    }

    boolean invalidIps = false;
    for (int i = 0; i < ips.size(); i++) {
      if (i == 0 && ips.get(0).equals("None")) {
        if (ips.size() > 1) {
          invalidIps = true;
          errs.add(FieldError.invalid(CLUSTER_IPS, BadValue.stringSlice(ips), "'None' must be the first and only value"));
        }
        continue;
      }
      List<FieldError> ipErrs = IpValidation.ip(CLUSTER_IPS.index(i), ips.get(i));
      invalidIps |= !ipErrs.isEmpty();
      errs.addAll(ipErrs);
    }
    if (ips.size() > 2) {
      errs.add(FieldError.invalid(CLUSTER_IPS, BadValue.stringSlice(ips), "may only hold up to 2 values"));
    }
    // further checks on already-bad IPs would only add confusing errors
    if (invalidIps) {
      return errs;
    }
    if (ips.size() > 1 && !dualStack(ips)) {
      errs.add(FieldError.invalid(CLUSTER_IPS, BadValue.stringSlice(ips), "may specify no more than one IP for each IP family"));
    }
    if (!ServiceValidation.isHeadless(spec) && !ips.isEmpty() && spec.getIpFamiliesCount() > 0) {
      for (int i = 0; i < ips.size() && i < spec.getIpFamiliesCount(); i++) {
        boolean v6 = IpAddress.parse(ips.get(i)).map(a -> !a.isIpv4()).orElse(false);
        if (spec.getIpFamilies(i).equals("IPv4") && v6) {
          errs.add(FieldError.invalid(CLUSTER_IPS.index(i), ips.get(i), "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`"));
        }
        if (spec.getIpFamilies(i).equals("IPv6") && !v6) {
          errs.add(FieldError.invalid(CLUSTER_IPS.index(i), ips.get(i), "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`"));
        }
      }
    }
    return errs;
  }

  static List<FieldError> update(ServiceSpec updated, ServiceSpec old) {
    List<FieldError> errs = new ArrayList<>();
    if (updated.getType().equals(ServiceValidation.EXTERNAL_NAME) || old.getType().equals(ServiceValidation.EXTERNAL_NAME)) {
      return errs;
    }
    boolean newHeadless = ServiceValidation.isHeadless(updated);
    boolean oldHeadless = ServiceValidation.isHeadless(old);
    List<String> n = updated.getClusterIpsList();
    List<String> o = old.getClusterIpsList();
    BadValue newIps = BadValue.stringSlice(n);
    if (!(oldHeadless && newHeadless)) {
      if (o.size() == n.size()) {
        for (int i = 0; i < o.size(); i++) {
          if (!o.get(i).equals(n.get(i))) {
            errs.add(FieldError.invalid(CLUSTER_IPS.index(i), newIps, "may not change once set"));
          }
        }
      } else if (o.size() > n.size()) {
        if (n.isEmpty()) {
          errs.add(FieldError.invalid(CLUSTER_IPS.index(0), newIps, "primary clusterIP can not be unset"));
        }
        if (!o.isEmpty() && !n.isEmpty() && !n.get(0).equals(o.get(0))) {
          errs.add(FieldError.invalid(CLUSTER_IPS.index(0), newIps, "may not change once set"));
        }
        if (n.size() == 1 && !singleStack(updated)) {
          errs.add(FieldError.invalid(IP_FAMILY_POLICY, policy(updated), "must be set to 'SingleStack' when releasing the secondary clusterIP"));
        }
      } else if (!o.isEmpty() && !n.get(0).equals(o.get(0))) {
        errs.add(FieldError.invalid(CLUSTER_IPS.index(0), newIps, "may not change once set"));
      }
    }
    if (newHeadless != oldHeadless || newHeadless) {
      return errs;
    }
    List<String> nf = updated.getIpFamiliesList();
    List<String> of = old.getIpFamiliesList();
    if (of.size() == nf.size()) {
      for (int i = 0; i < of.size(); i++) {
        if (!of.get(i).equals(nf.get(i))) {
          errs.add(FieldError.invalid(IP_FAMILIES.index(0), BadValue.goSyntax(families(nf)), "may not change once set"));
        }
      }
    } else if (of.size() > nf.size()) {
      if (n.isEmpty()) {
        errs.add(FieldError.invalid(IP_FAMILIES.index(0), BadValue.goSyntax(families(nf)), "primary ipFamily can not be unset"));
      }
      if (!nf.isEmpty() && !nf.get(0).equals(of.get(0))) {
        errs.add(FieldError.invalid(IP_FAMILIES.index(0), newIps, "may not change once set"));
      }
      if (nf.size() == 1 && !singleStack(updated)) {
        errs.add(FieldError.invalid(IP_FAMILY_POLICY, policy(updated), "must be set to 'SingleStack' when releasing the secondary ipFamily"));
      }
    } else if (!of.isEmpty() && !nf.isEmpty() && !nf.get(0).equals(of.get(0))) {
      errs.add(FieldError.invalid(IP_FAMILIES.index(0), newIps, "may not change once set"));
    }
    return errs;
  }

  private static boolean singleStack(ServiceSpec spec) {
    return spec.hasIpFamilyPolicy() && spec.getIpFamilyPolicy().equals("SingleStack");
  }

  private static BadValue policy(ServiceSpec spec) {
    return spec.hasIpFamilyPolicy() ? BadValue.of(spec.getIpFamilyPolicy()) : BadValue.goSyntax("null");
  }

  /** %#v of []core.IPFamily. */
  private static String families(List<String> families) {
    return BadValue.stringSlice(families).rendered().replace("[]string{", "[]core.IPFamily{");
  }

  private static boolean dualStack(List<String> ips) {
    long v4 = ips.stream().map(IpAddress::parse).flatMap(Optional::stream).filter(IpAddress::isIpv4).count();
    return ips.size() == 2 && v4 == 1;
  }
}
