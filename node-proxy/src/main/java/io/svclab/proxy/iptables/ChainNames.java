package io.svclab.proxy.iptables;

import com.google.common.io.BaseEncoding;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

/**
 * kube-proxy's chain names (pkg/proxy/iptables/proxier.go, portProtoHash and
 * servicePortEndpointChainName): the prefix and the first 16 characters of the base32
 * (RFC 4648 alphabet) of the sha256 of {@code "ns/name:port" + protocol} (protocol in lower case,
 * {@code ":port"} absent for an unnamed port), with {@code "ip:port"} of the endpoint appended
 * for KUBE-SEP. iptables limits chain names to 28 characters; the hash keeps them short and
 * stable across restarts, so a partial sync can rewrite one Service's chains by name.
 */
public final class ChainNames {
  public static final String SERVICES = "KUBE-SERVICES";
  public static final String EXTERNAL_SERVICES = "KUBE-EXTERNAL-SERVICES";
  public static final String NODE_PORTS = "KUBE-NODEPORTS";
  public static final String POSTROUTING = "KUBE-POSTROUTING";
  public static final String MARK_MASQ = "KUBE-MARK-MASQ";
  public static final String FORWARD = "KUBE-FORWARD";
  public static final String PROXY_FIREWALL = "KUBE-PROXY-FIREWALL";
  /** kubelet's anti-martian chain, which kube-proxy duplicates when localhost NodePorts are on. */
  public static final String KUBELET_FIREWALL = "KUBE-FIREWALL";

  static final String CLUSTER_POLICY_PREFIX = "KUBE-SVC-";
  static final String LOCAL_POLICY_PREFIX = "KUBE-SVL-";
  static final String FIREWALL_PREFIX = "KUBE-FW-";
  static final String EXTERNAL_PREFIX = "KUBE-EXT-";
  static final String ENDPOINT_PREFIX = "KUBE-SEP-";

  /** The per-Service and per-endpoint prefixes: chains with these names are kube-proxy's to delete. */
  public static final List<String> SERVICE_CHAIN_PREFIXES = List.of(CLUSTER_POLICY_PREFIX, LOCAL_POLICY_PREFIX,
      ENDPOINT_PREFIX, FIREWALL_PREFIX, EXTERNAL_PREFIX);

  private ChainNames() {}

  /** KUBE-SVC-: the endpoints used for traffic policy Cluster. */
  public static String clusterPolicy(ServicePortName port) {
    return CLUSTER_POLICY_PREFIX + portProtoHash(port);
  }

  /** KUBE-SVL-: the endpoints on this node, for traffic policy Local. */
  public static String localPolicy(ServicePortName port) {
    return LOCAL_POLICY_PREFIX + portProtoHash(port);
  }

  /** KUBE-FW-: loadBalancerSourceRanges. */
  public static String firewall(ServicePortName port) {
    return FIREWALL_PREFIX + portProtoHash(port);
  }

  /** KUBE-EXT-: where NodePort, LoadBalancer and external IP traffic enters. */
  public static String external(ServicePortName port) {
    return EXTERNAL_PREFIX + portProtoHash(port);
  }

  /** KUBE-SEP-: one endpoint of one Service port. */
  public static String endpoint(ServicePortName port, Endpoint endpoint) {
    return ENDPOINT_PREFIX + hash16(port + protocol(port) + endpoint.address());
  }

  public static boolean isServiceChain(String chain) {
    return SERVICE_CHAIN_PREFIXES.stream().anyMatch(chain::startsWith);
  }

  static String protocol(ServicePortName port) {
    return port.protocol().toLowerCase(Locale.ROOT);
  }

  private static String portProtoHash(ServicePortName port) {
    return hash16(port + protocol(port));
  }

  private static String hash16(String input) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return BaseEncoding.base32().encode(sum).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
