package io.svclab.endpoints.pods;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ServicePort;
import java.util.OptionalInt;

/** Resolves a Service port's targetPort against one pod (Kubernetes' podutil.FindPort). */
public final class TargetPorts {
  private TargetPorts() {}

  /** Protocol as the apiserver defaults it: an unset protocol is TCP. */
  public static String protocol(String protocol) {
    return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
  }

  /**
   * A number is used as is. A name is looked up among the pod's containers' ports, matching
   * name and protocol, first container first; no match means this pod does not offer the
   * port. Fallback for a targetPort that was never defaulted: the Service port itself, as
   * the apiserver would have defaulted it.
   */
  public static OptionalInt find(Pod pod, ServicePort servicePort) {
    if (!servicePort.hasTargetPort()) return OptionalInt.of(servicePort.getPort());
    switch (servicePort.getTargetPort().getValueCase()) {
      case NUMBER:
        return OptionalInt.of(servicePort.getTargetPort().getNumber());
      case NAME: {
        String name = servicePort.getTargetPort().getName();
        String protocol = protocol(servicePort.getProtocol());
        for (Container container : pod.getSpec().getContainersList()) {
          for (ContainerPort port : container.getPortsList()) {
            if (port.getName().equals(name) && protocol(port.getProtocol()).equals(protocol)) {
              return OptionalInt.of(port.getContainerPort());
            }
          }
        }
        return OptionalInt.empty();
      }
      default:
        return OptionalInt.of(servicePort.getPort());
    }
  }
}
