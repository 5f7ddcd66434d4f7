package io.svclab.node.env;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.EnvVar;
import io.svclab.api.v1.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment as kubelet builds it: the runtime's {@code PATH} and
 * {@code HOSTNAME}, the Service variables, then the container's {@code env} in order, each
 * value with {@code $(VAR)} references to earlier variables expanded and {@code valueFrom.fieldRef}
 * resolved against the pod. Also expands {@code $(VAR)} in {@code command} and {@code args}.
 */
public final class ContainerEnvironment {
  private ContainerEnvironment() {}

  public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** Thrown for an env entry the agent cannot resolve (a ConfigMap or Secret reference, an unknown field). */
  public static final class EnvError extends Exception {
    public EnvError(String message) { super(message); }
  }

  public static Map<String, String> build(Pod pod, Container container, String podIp, String hostIp,
      Map<String, String> serviceEnv) throws EnvError {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", PATH);
    env.put("HOSTNAME", hostname(pod));
    env.putAll(serviceEnv);
    for (EnvVar v : container.getEnvList()) {
      String value;
      if (v.hasValueFrom()) {
        if (v.getValueFrom().hasFieldRef()) {
          value = fieldRef(pod, v.getValueFrom().getFieldRef().getFieldPath(), podIp, hostIp);
        } else if (v.getValueFrom().hasConfigMapKeyRef() || v.getValueFrom().hasSecretKeyRef()) {
          throw new EnvError("env " + v.getName() + ": configMapKeyRef and secretKeyRef are not supported by svclab "
              + "(no ConfigMaps or Secrets in the API)");
        } else {
          value = resourceField(container, v);
        }
      } else {
        value = expand(v.getValue(), env);
      }
      env.put(v.getName(), value);
    }
    return env;
  }

  /** The pod's hostname: {@code spec.hostname} or its name. */
  public static String hostname(Pod pod) {
    return pod.getSpec().getHostname().isEmpty() ? pod.getMetadata().getName() : pod.getSpec().getHostname();
  }

  static String fieldRef(Pod pod, String path, String podIp, String hostIp) throws EnvError {
    switch (path) {
      case "metadata.name": return pod.getMetadata().getName();
      case "metadata.namespace": return pod.getMetadata().getNamespace();
      case "metadata.uid": return pod.getMetadata().getUid();
      case "spec.nodeName": return pod.getSpec().getNodeName();
      case "spec.serviceAccountName": return pod.getSpec().getServiceAccountName();
      case "status.podIP": return podIp;
      case "status.podIPs": return podIp;
      case "status.hostIP": return hostIp;
      case "status.hostIPs": return hostIp;
      default:
        if (path.startsWith("metadata.labels['") && path.endsWith("']")) {
          return pod.getMetadata().getLabelsOrDefault(path.substring(17, path.length() - 2), "");
        }
        if (path.startsWith("metadata.annotations['") && path.endsWith("']")) {
          return pod.getMetadata().getAnnotationsOrDefault(path.substring(22, path.length() - 2), "");
        }
        throw new EnvError("fieldRef " + path + " is not supported");
    }
  }

  private static String resourceField(Container c, EnvVar v) {
    String resource = v.getValueFrom().getResourceFieldRef().getResource();
    String value = resource.startsWith("limits.")
        ? c.getResources().getLimitsOrDefault(resource.substring(7), "")
        : c.getResources().getRequestsOrDefault(resource.substring(Math.min(resource.length(), 9)), "");
    return value.isEmpty() ? "0" : value;
  }

  /**
   * Kubernetes' {@code $(VAR)} expansion: a defined variable is replaced, an undefined one is
   * left as written, and {@code $$} escapes a dollar.
   */
  public static String expand(String s, Map<String, String> env) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '$' && i + 1 < s.length()) {
        char d = s.charAt(i + 1);
        if (d == '$') {
          b.append('$');
          i++;
          continue;
        }
        if (d == '(') {
          int close = s.indexOf(')', i + 2);
          if (close > 0) {
            String name = s.substring(i + 2, close);
            if (env.containsKey(name)) {
              b.append(env.get(name));
              i = close;
              continue;
            }
          }
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  public static List<String> expandAll(List<String> items, Map<String, String> env) {
    List<String> out = new ArrayList<>(items.size());
    for (String s : items) out.add(expand(s, env));
    return out;
  }
}
