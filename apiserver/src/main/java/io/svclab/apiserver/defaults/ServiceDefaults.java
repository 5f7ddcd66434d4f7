package io.svclab.apiserver.defaults;

import io.svclab.api.v1.ClientIPConfig;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.api.v1.SessionAffinityConfig;

/**
 * Kubernetes' SetDefaults_Service, plus what its Service strategy and IP allocator fill before
 * validation (clusterIPs synced from clusterIP, ipFamilies and ipFamilyPolicy), because here
 * validation runs before allocation. Allocates nothing.
 */
public final class ServiceDefaults {
  private ServiceDefaults() {}

  static final int DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

  public static Service apply(Service service) {
    Service declared = declared(service);
    ServiceSpec.Builder s = declared.getSpec().toBuilder();
    if (!s.getType().equals("ExternalName")) {
      if (!s.getClusterIp().isEmpty() && s.getClusterIpsCount() == 0) {
        s.addClusterIps(s.getClusterIp());
      }
      boolean headless = s.getClusterIp().equals("None");
      if (s.getIpFamiliesCount() == 0 && !headless) {
        s.addIpFamilies(s.getClusterIp().contains(":") ? "IPv6" : "IPv4");
      }
      if (!s.hasIpFamilyPolicy()) {
        s.setIpFamilyPolicy("SingleStack");
      }
    }
    return declared.toBuilder().setSpec(s).build();
  }

  /**
   * SetDefaults_Service alone: what kube-apiserver's decoder fills before its field manager sees
   * the object, so the writer owns these (type, sessionAffinity, protocol, targetPort,
   * internalTrafficPolicy, ...) and nobody owns what {@link #apply} adds for the allocator.
   */
  public static Service declared(Service service) {
    ServiceSpec.Builder s = service.getSpec().toBuilder();
    if (s.getSessionAffinity().isEmpty()) {
      s.setSessionAffinity("None");
    }
    if (s.getSessionAffinity().equals("None")) {
      s.clearSessionAffinityConfig();
    }
    if (s.getSessionAffinity().equals("ClientIP")
        && !(s.hasSessionAffinityConfig() && s.getSessionAffinityConfig().hasClientIp()
            && s.getSessionAffinityConfig().getClientIp().hasTimeoutSeconds())) {
      s.setSessionAffinityConfig(SessionAffinityConfig.newBuilder()
          .setClientIp(ClientIPConfig.newBuilder().setTimeoutSeconds(DEFAULT_CLIENT_IP_AFFINITY_SECONDS)));
    }
    if (s.getType().isEmpty()) {
      s.setType("ClusterIP");
    }
    String type = s.getType();
    for (int i = 0; i < s.getPortsCount(); i++) {
      ServicePort.Builder p = s.getPorts(i).toBuilder();
      if (p.getProtocol().isEmpty()) {
        p.setProtocol("TCP");
      }
      IntOrString tp = p.getTargetPort();
      boolean unset = tp.getValueCase() == IntOrString.ValueCase.VALUE_NOT_SET
          || (tp.getValueCase() == IntOrString.ValueCase.NUMBER && tp.getNumber() == 0)
          || (tp.getValueCase() == IntOrString.ValueCase.NAME && tp.getName().isEmpty());
      if (unset) {
        p.setTargetPort(IntOrString.newBuilder().setNumber(p.getPort()));
      }
      s.setPorts(i, p);
    }
    boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
        || (type.equals("ClusterIP") && s.getExternalIpsCount() > 0);
    if (externallyAccessible && s.getExternalTrafficPolicy().isEmpty()) {
      s.setExternalTrafficPolicy("Cluster");
    }
    boolean hasClusterIp = type.equals("ClusterIP") || type.equals("NodePort") || type.equals("LoadBalancer");
    if (!s.hasInternalTrafficPolicy() && hasClusterIp) {
      s.setInternalTrafficPolicy("Cluster");
    }
    if (type.equals("LoadBalancer") && !s.hasAllocateLoadBalancerNodePorts()) {
      s.setAllocateLoadBalancerNodePorts(true);
    }
    return service.toBuilder().setSpec(s).build();
  }

}
