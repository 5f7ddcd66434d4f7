package io.svclab.node.env;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Service environment variables kubelet injects into every container at start
 * (pkg/kubelet/envvars): for each Service of the pod's namespace with a ClusterIP (and the
 * master Service {@code default/kubernetes} for every pod), {@code <NAME>_SERVICE_HOST},
 * {@code <NAME>_SERVICE_PORT}, {@code <NAME>_SERVICE_PORT_<PORTNAME>}, and the Docker-link
 * style {@code <NAME>_PORT}, {@code <NAME>_PORT_<port>_<PROTO>[_PROTO|_PORT|_ADDR]}.
 */
public final class ServiceEnvironment {
  private ServiceEnvironment() {}

  /**
   * @param services    every Service the agent knows (any namespace)
   * @param namespace   the pod's namespace
   * @param serviceLinks the pod's {@code enableServiceLinks} (default true): false keeps only the master Service
   */
  public static Map<String, String> forPod(List<Service> services, String namespace, boolean serviceLinks) {
    Map<String, Service> chosen = new LinkedHashMap<>();
    List<Service> sorted = services.stream()
        .sorted(Comparator.comparing((Service s) -> s.getMetadata().getNamespace()).thenComparing(s -> s.getMetadata().getName()))
        .toList();
    for (Service s : sorted) {
      if (!hasClusterIp(s)) continue;
      String ns = s.getMetadata().getNamespace();
      String name = s.getMetadata().getName();
      if (ns.equals(namespace) && serviceLinks) {
        chosen.put(name, s);
      } else if (ns.equals("default") && name.equals("kubernetes") && !chosen.containsKey(name)) {
        chosen.put(name, s);
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Service s : chosen.values()) {
      env.putAll(forService(s));
    }
    return env;
  }

  static boolean hasClusterIp(Service s) {
    String ip = s.getSpec().getClusterIp();
    return !ip.isEmpty() && !ip.equals("None");
  }

  /** The variables of one Service, in kubelet's order. */
  public static Map<String, String> forService(Service s) {
    Map<String, String> env = new LinkedHashMap<>();
    String prefix = s.getMetadata().getName().toUpperCase(Locale.ROOT).replace('-', '_');
    String ip = s.getSpec().getClusterIp();
    env.put(prefix + "_SERVICE_HOST", ip);
    List<ServicePort> ports = s.getSpec().getPortsList();
    if (!ports.isEmpty()) {
      env.put(prefix + "_SERVICE_PORT", Integer.toString(ports.get(0).getPort()));
    }
    for (ServicePort p : ports) {
      if (!p.getName().isEmpty()) {
        env.put(prefix + "_SERVICE_PORT_" + p.getName().toUpperCase(Locale.ROOT).replace('-', '_'), Integer.toString(p.getPort()));
      }
    }
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      String protocol = p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
      String lower = protocol.toLowerCase(Locale.ROOT);
      String port = Integer.toString(p.getPort());
      String url = lower + "://" + ip + ":" + port;
      if (i == 0) {
        env.put(prefix + "_PORT", url);
      }
      String portPrefix = prefix + "_PORT_" + port + "_" + protocol.toUpperCase(Locale.ROOT);
      env.put(portPrefix, url);
      env.put(portPrefix + "_PROTO", lower);
      env.put(portPrefix + "_PORT", port);
      env.put(portPrefix + "_ADDR", ip);
    }
    return env;
  }
}
