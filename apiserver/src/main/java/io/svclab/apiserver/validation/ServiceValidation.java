package io.svclab.apiserver.validation;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes' ValidateService / ValidateServiceUpdate, in Kubernetes' order so that a
 * multi-error message lists the errors as a real apiserver does. Runs after defaulting and
 * before allocation (svclab allocates after validating; Kubernetes the other way round), so
 * checks that only hold once ClusterIPs and NodePorts are allocated are left out.
 */
public final class ServiceValidation {
  private ServiceValidation() {}

  static final String CLUSTER_IP = "ClusterIP";
  static final String NODE_PORT = "NodePort";
  static final String LOAD_BALANCER = "LoadBalancer";
  static final String EXTERNAL_NAME = "ExternalName";
  private static final List<String> TYPES = List.of(CLUSTER_IP, EXTERNAL_NAME, LOAD_BALANCER, NODE_PORT);
  private static final List<String> AFFINITIES = List.of("ClientIP", "None");
  private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
  private static final List<String> IP_FAMILIES = List.of("IPv4", "IPv6");
  private static final List<String> IP_FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");
  private static final int MAX_CLIENT_IP_AFFINITY_SECONDS = 86400;
  private static final FieldPath SPEC = FieldPath.of("spec");

  public static List<FieldError> create(Service service) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.create(service.getMetadata(), true, NameRule.DNS_1035_LABEL));
    ServiceSpec spec = service.getSpec();
    String type = spec.getType();
    boolean headless = isHeadless(spec);

    if (spec.getPortsCount() == 0 && !headless && !type.equals(EXTERNAL_NAME)) {
      errs.add(FieldError.required(SPEC.child("ports"), ""));
    }
    switch (type) {
      case LOAD_BALANCER, NODE_PORT -> {
        if (headless) {
          errs.add(FieldError.invalid(SPEC.child("clusterIPs").index(0), spec.getClusterIps(0),
              "may not be set to 'None' for " + type + " services"));
        }
      }
      case EXTERNAL_NAME -> errs.addAll(externalName(spec));
      default -> { }
    }

    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < spec.getPortsCount(); i++) {
      errs.addAll(port(spec.getPorts(i), spec.getPortsCount() > 1, portNames, SPEC.child("ports").index(i)));
    }
    errs.addAll(LabelValidation.labels(spec.getSelectorMap(), SPEC.child("selector")));
    errs.addAll(sessionAffinity(spec));
    errs.addAll(ServiceClusterIpValidation.create(spec));

    for (int i = 0; i < spec.getExternalIpsCount(); i++) {
      FieldPath p = SPEC.child("externalIPs").index(i);
      List<FieldError> ipErrs = IpValidation.ip(p, spec.getExternalIps(i));
      errs.addAll(ipErrs.isEmpty() ? IpValidation.nonSpecialIp(p, spec.getExternalIps(i)) : ipErrs);
    }

    if (type.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("type"), ""));
    } else if (!TYPES.contains(type)) {
      errs.add(FieldError.notSupported(SPEC.child("type"), type, TYPES));
    }
    if (type.equals(CLUSTER_IP)) {
      for (int i = 0; i < spec.getPortsCount(); i++) {
        if (spec.getPorts(i).getNodePort() != 0) {
          errs.add(FieldError.forbidden(SPEC.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
        }
      }
    }
    errs.addAll(duplicatePorts(spec));
    errs.addAll(loadBalancerFields(spec));
    errs.addAll(trafficPolicies(spec));
    return errs;
  }

  public static List<FieldError> update(Service updated, Service old) {
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.update(updated.getMetadata(), old.getMetadata()));
    errs.addAll(ServiceClusterIpValidation.update(updated.getSpec(), old.getSpec()));
    ServiceSpec u = updated.getSpec();
    ServiceSpec o = old.getSpec();
    if (u.getType().equals(LOAD_BALANCER) && o.getType().equals(LOAD_BALANCER)
        && !loadBalancerClass(u).equals(loadBalancerClass(o))) {
      errs.add(FieldError.invalid(SPEC.child("loadBalancerClass"),
          u.hasLoadBalancerClass() ? BadValue.of(u.getLoadBalancerClass()) : BadValue.goSyntax("null"), "may not change once set"));
    }
    if (needsHealthCheck(o) && needsHealthCheck(u) && u.getHealthCheckNodePort() != o.getHealthCheckNodePort()) {
      errs.add(FieldError.forbidden(SPEC.child("healthCheckNodePort"), "field is immutable"));
    }
    errs.addAll(create(updated));
    return errs;
  }

  private static String loadBalancerClass(ServiceSpec spec) {
    return spec.hasLoadBalancerClass() ? "=" + spec.getLoadBalancerClass() : "";
  }

  static boolean isHeadless(ServiceSpec spec) {
    return spec.getClusterIpsCount() == 1 && spec.getClusterIps(0).equals("None");
  }

  /** apiservice.ExternallyAccessible. */
  static boolean externallyAccessible(ServiceSpec spec) {
    return spec.getType().equals(LOAD_BALANCER) || spec.getType().equals(NODE_PORT)
        || (spec.getType().equals(CLUSTER_IP) && spec.getExternalIpsCount() > 0);
  }

  static boolean needsHealthCheck(ServiceSpec spec) {
    return spec.getType().equals(LOAD_BALANCER) && spec.getExternalTrafficPolicy().equals("Local");
  }

  private static List<FieldError> externalName(ServiceSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    if (spec.getClusterIpsCount() > 0) {
      errs.add(FieldError.forbidden(SPEC.child("clusterIPs"), "may not be set for ExternalName services"));
    }
    if (spec.getIpFamiliesCount() > 0) {
      errs.add(FieldError.forbidden(SPEC.child("ipFamilies"), "may not be set for ExternalName services"));
    }
    if (spec.hasIpFamilyPolicy()) {
      errs.add(FieldError.forbidden(SPEC.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
    }
    // the CNAME may end with a dot to say it is fully qualified
    String cname = spec.getExternalName().endsWith(".")
        ? spec.getExternalName().substring(0, spec.getExternalName().length() - 1) : spec.getExternalName();
    if (cname.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("externalName"), ""));
    } else {
      errs.addAll(NameValidation.dns1123Subdomain(cname, SPEC.child("externalName")));
    }
    return errs;
  }

  private static List<FieldError> port(ServicePort sp, boolean requireName, Set<String> names, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (requireName && sp.getName().isEmpty()) {
      errs.add(FieldError.required(path.child("name"), ""));
    } else if (!sp.getName().isEmpty()) {
      errs.addAll(NameValidation.dns1123Label(sp.getName(), path.child("name")));
      if (!names.add(sp.getName())) {
        errs.add(FieldError.duplicate(path.child("name"), sp.getName()));
      }
    }
    errs.addAll(PortValidation.number(sp.getPort(), path.child("port")));
    errs.addAll(PortValidation.protocol(sp.getProtocol(), path.child("protocol")));
    errs.addAll(PortValidation.numberOrName(sp.getTargetPort(), path.child("targetPort")));
    if (sp.hasAppProtocol()) {
      errs.addAll(LabelValidation.qualifiedName(sp.getAppProtocol(), path.child("appProtocol")));
    }
    return errs;
  }

  private static List<FieldError> sessionAffinity(ServiceSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    String affinity = spec.getSessionAffinity();
    FieldPath configPath = SPEC.child("sessionAffinityConfig");
    if (affinity.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("sessionAffinity"), ""));
    } else if (!AFFINITIES.contains(affinity)) {
      errs.add(FieldError.notSupported(SPEC.child("sessionAffinity"), affinity, AFFINITIES));
    }
    if (affinity.equals("ClientIP")) {
      String when = "when session affinity type is ClientIP";
      if (!spec.hasSessionAffinityConfig()) {
        errs.add(FieldError.required(configPath, when));
      } else if (!spec.getSessionAffinityConfig().hasClientIp()) {
        errs.add(FieldError.required(configPath.child("clientIP"), when));
      } else if (!spec.getSessionAffinityConfig().getClientIp().hasTimeoutSeconds()) {
        errs.add(FieldError.required(configPath.child("clientIP").child("timeoutSeconds"), when));
      } else {
        int timeout = spec.getSessionAffinityConfig().getClientIp().getTimeoutSeconds();
        if (timeout <= 0 || timeout > MAX_CLIENT_IP_AFFINITY_SECONDS) {
          errs.add(FieldError.invalid(configPath.child("clientIP").child("timeoutSeconds"), timeout,
              "must be greater than 0 and less than " + MAX_CLIENT_IP_AFFINITY_SECONDS));
        }
      }
    } else if (affinity.equals("None") && spec.hasSessionAffinityConfig()) {
      errs.add(FieldError.forbidden(configPath, "must not be set when session affinity is None"));
    }
    return errs;
  }

  private static List<FieldError> duplicatePorts(ServiceSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> nodePorts = new HashSet<>();
    for (int i = 0; i < spec.getPortsCount(); i++) {
      ServicePort p = spec.getPorts(i);
      if (p.getNodePort() != 0 && !nodePorts.add(p.getProtocol() + "/" + p.getNodePort())) {
        errs.add(FieldError.duplicate(SPEC.child("ports").index(i).child("nodePort"), BadValue.of(p.getNodePort())));
      }
    }
    Set<String> ports = new HashSet<>();
    for (int i = 0; i < spec.getPortsCount(); i++) {
      ServicePort p = spec.getPorts(i);
      if (!ports.add(p.getProtocol() + "/" + p.getPort())) {
        // Kubernetes reports the (protocol, port) key it built, a core.ServicePort, in Go syntax
        errs.add(FieldError.duplicate(SPEC.child("ports").index(i), BadValue.goSyntax(
            "core.ServicePort{Name:\"\", Protocol:" + GoQuote.quote(p.getProtocol())
                + ", AppProtocol:(*string)(nil), Port:" + p.getPort()
                + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")));
      }
    }
    return errs;
  }

  private static List<FieldError> loadBalancerFields(ServiceSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    boolean lb = spec.getType().equals(LOAD_BALANCER);
    if (spec.getLoadBalancerSourceRangesCount() > 0) {
      // Kubernetes spells this path with a capital L
      FieldPath p = SPEC.child("LoadBalancerSourceRanges");
      if (!lb) {
        errs.add(FieldError.forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
      }
      for (int i = 0; i < spec.getLoadBalancerSourceRangesCount(); i++) {
        // historically these may be space-padded
        errs.addAll(IpValidation.cidr(p.index(i), spec.getLoadBalancerSourceRanges(i).trim()));
      }
    }
    if (spec.hasAllocateLoadBalancerNodePorts() && !lb) {
      errs.add(FieldError.forbidden(SPEC.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"));
    }
    if (lb && !spec.hasAllocateLoadBalancerNodePorts()) {
      // Kubernetes reports this one without the spec. prefix
      errs.add(FieldError.required(FieldPath.of("allocateLoadBalancerNodePorts"), ""));
    }
    if (lb) {
      if (spec.hasLoadBalancerClass()) {
        errs.addAll(LabelValidation.qualifiedName(spec.getLoadBalancerClass(), SPEC.child("loadBalancerClass")));
      }
    } else if (spec.hasLoadBalancerClass()) {
      errs.add(FieldError.forbidden(SPEC.child("loadBalancerClass"), "may only be used when `type` is 'LoadBalancer'"));
    }
    return errs;
  }

  private static List<FieldError> trafficPolicies(ServiceSpec spec) {
    List<FieldError> errs = new ArrayList<>();
    String etp = spec.getExternalTrafficPolicy();
    if (!externallyAccessible(spec)) {
      if (!etp.isEmpty()) {
        errs.add(FieldError.invalid(SPEC.child("externalTrafficPolicy"), etp, "may only be set for externally-accessible services"));
      }
    } else if (etp.isEmpty()) {
      errs.add(FieldError.required(SPEC.child("externalTrafficPolicy"), ""));
    } else if (!TRAFFIC_POLICIES.contains(etp)) {
      errs.add(FieldError.notSupported(SPEC.child("externalTrafficPolicy"), etp, TRAFFIC_POLICIES));
    }
    // healthCheckNodePort 0 on LoadBalancer+Local is left for the allocator to fill
    if (!needsHealthCheck(spec)) {
      if (spec.getHealthCheckNodePort() != 0) {
        errs.add(FieldError.invalid(SPEC.child("healthCheckNodePort"), spec.getHealthCheckNodePort(),
            "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
      }
    } else if (spec.getHealthCheckNodePort() != 0) {
      errs.addAll(PortValidation.number(spec.getHealthCheckNodePort(), SPEC.child("healthCheckNodePort")));
    }

    String type = spec.getType();
    if (!spec.hasInternalTrafficPolicy()) {
      if (type.equals(NODE_PORT) || type.equals(LOAD_BALANCER) || type.equals(CLUSTER_IP)) {
        errs.add(FieldError.required(SPEC.child("internalTrafficPolicy"), ""));
      }
    } else if (!TRAFFIC_POLICIES.contains(spec.getInternalTrafficPolicy())) {
      errs.add(FieldError.notSupported(SPEC.child("internalTrafficPolicy"), spec.getInternalTrafficPolicy(), TRAFFIC_POLICIES));
    }
    if (spec.hasTrafficDistribution() && !spec.getTrafficDistribution().equals("PreferClose")) {
      errs.add(FieldError.notSupported(SPEC.child("trafficDistribution"), spec.getTrafficDistribution(), List.of("PreferClose")));
    }
    return errs;
  }

  static List<String> ipFamilies() { return IP_FAMILIES; }

  static List<String> ipFamilyPolicies() { return IP_FAMILY_POLICIES; }
}
