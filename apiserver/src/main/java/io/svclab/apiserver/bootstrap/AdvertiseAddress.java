package io.svclab.apiserver.bootstrap;

import java.util.List;
import java.util.Optional;

/**
 * The address the apiserver publishes in {@code default/kubernetes}'s Endpoints, separate from
 * the one it listens on, as kube-apiserver's {@code --advertise-address} and
 * {@code --bind-address}: listening on every interface (0.0.0.0, the container lab) must not put
 * 0.0.0.0 in an Endpoints object, which Kubernetes rejects as unspecified.
 */
public final class AdvertiseAddress {
  private AdvertiseAddress() {}

  /** One address of this machine's interfaces, as the shell reads them. */
  public record InterfaceAddress(String ip, boolean loopback, boolean linkLocal, boolean ipv4) {}

  /**
   * @param advertiseFlag {@code --advertise-address}, empty when not given
   * @param bindAddress {@code --bind-address}
   * @param interfaces the machine's addresses, in interface order
   * @return the address to publish: the flag when given; else the bind address when it is a
   *     specific one; else the first IPv4 address of an interface that is neither loopback nor
   *     link-local (kube-apiserver picks its default-route interface; in a container that is the
   *     one network interface); else 127.0.0.1, for an apiserver alone on loopback
   * @throws IllegalArgumentException when the flag itself is unspecified (0.0.0.0 or ::)
   */
  public static String choose(Optional<String> advertiseFlag, String bindAddress, List<InterfaceAddress> interfaces) {
    if (advertiseFlag.isPresent()) {
      if (unspecified(advertiseFlag.get())) {
        throw new IllegalArgumentException("--advertise-address: Invalid value: \"" + advertiseFlag.get()
            + "\": may not be unspecified (" + advertiseFlag.get() + ")");
      }
      return advertiseFlag.get();
    }
    if (!unspecified(bindAddress)) {
      return bindAddress;
    }
    return interfaces.stream().filter(a -> a.ipv4() && !a.loopback() && !a.linkLocal()).map(InterfaceAddress::ip)
        .findFirst().orElse("127.0.0.1");
  }

  static boolean unspecified(String ip) {
    return ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("::0") || ip.equals("0:0:0:0:0:0:0:0");
  }
}
