package io.svclab.proxy.nftables;

import com.google.common.io.BaseEncoding;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * kube-proxy's nftables chain and set names (pkg/proxy/nftables/proxier.go hashAndTruncate,
 * servicePortChainNameBase, servicePortEndpointChainNameBase): the readable
 * {@code ns/svc/protocol/port} (plus {@code __ip/port} for an endpoint) prefixed by the first 8
 * characters of the base32 sha256 of itself, e.g. {@code ULMVA6XW-ns1/svc1/tcp/p80}.
 */
public final class NftNames {
  /** knftables.NameLengthMax (256) minus the longest prefix (16). */
  static final int BASE_LENGTH_MAX = 240;

  private NftNames() {}

  public static String service(ServicePortName port) {
    return "service-" + base(port);
  }

  public static String local(ServicePortName port) {
    return "local-" + base(port);
  }

  public static String external(ServicePortName port) {
    return "external-" + base(port);
  }

  public static String firewall(ServicePortName port) {
    return "firewall-" + base(port);
  }

  public static String endpoint(ServicePortName port, Endpoint ep) {
    return "endpoint-" + endpointBase(port, ep);
  }

  public static String affinity(ServicePortName port, Endpoint ep) {
    return "affinity-" + endpointBase(port, ep);
  }

  static String protocol(ServicePortName port) {
    return port.protocol().toLowerCase(Locale.ROOT);
  }

  private static String base(ServicePortName p) {
    return hashAndTruncate(p.namespace() + "/" + p.name() + "/" + protocol(p) + "/" + p.port());
  }

  private static String endpointBase(ServicePortName p, Endpoint ep) {
    return hashAndTruncate(p.namespace() + "/" + p.name() + "/" + protocol(p) + "/" + p.port() + "__"
        + ep.ip().replace(':', '.') + "/" + ep.port());
  }

  static String hashAndTruncate(String name) {
    try {
      byte[] sum = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
      String out = BaseEncoding.base32().encode(sum).substring(0, 8) + "-" + name;
      return out.length() > BASE_LENGTH_MAX ? out.substring(0, BASE_LENGTH_MAX - 3) + "..." : out;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
