package io.svclab.apiserver.defaults;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.HTTPGetAction;
import io.svclab.api.v1.LifecycleHandler;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Probe;

/** Kubernetes' SetDefaults_PodSpec and the container, port and probe defaults under it. */
public final class PodSpecDefaults {
  private PodSpecDefaults() {}

  public static PodSpec apply(PodSpec spec) {
    PodSpec.Builder b = spec.toBuilder();
    if (b.getDnsPolicy().isEmpty()) {
      b.setDnsPolicy("ClusterFirst");
    }
    if (b.getRestartPolicy().isEmpty()) {
      b.setRestartPolicy("Always");
    }
    if (!b.hasTerminationGracePeriodSeconds()) {
      b.setTerminationGracePeriodSeconds(30);
    }
    if (b.getSchedulerName().isEmpty()) {
      b.setSchedulerName("default-scheduler");
    }
    for (int i = 0; i < b.getContainersCount(); i++) {
      b.setContainers(i, container(b.getContainers(i), spec.getHostNetwork()));
    }
    for (int i = 0; i < b.getInitContainersCount(); i++) {
      b.setInitContainers(i, container(b.getInitContainers(i), spec.getHostNetwork()));
    }
    return b.build();
  }

  static Container container(Container c, boolean hostNetwork) {
    Container.Builder b = c.toBuilder();
    if (b.getImagePullPolicy().isEmpty()) {
      b.setImagePullPolicy(pullPolicy(b.getImage()));
    }
    if (b.getTerminationMessagePath().isEmpty()) {
      b.setTerminationMessagePath("/dev/termination-log");
    }
    if (b.getTerminationMessagePolicy().isEmpty()) {
      b.setTerminationMessagePolicy("File");
    }
    for (int i = 0; i < b.getPortsCount(); i++) {
      ContainerPort.Builder p = b.getPorts(i).toBuilder();
      if (p.getProtocol().isEmpty()) {
        p.setProtocol("TCP");
      }
      // on the host network the container port is the host port
      if (hostNetwork && p.getHostPort() == 0) {
        p.setHostPort(p.getContainerPort());
      }
      b.setPorts(i, p);
    }
    if (b.hasLivenessProbe()) {
      b.setLivenessProbe(probe(b.getLivenessProbe()));
    }
    if (b.hasReadinessProbe()) {
      b.setReadinessProbe(probe(b.getReadinessProbe()));
    }
    if (b.hasStartupProbe()) {
      b.setStartupProbe(probe(b.getStartupProbe()));
    }
    if (b.hasLifecycle()) {
      var l = b.getLifecycle().toBuilder();
      if (l.hasPostStart()) {
        l.setPostStart(handler(l.getPostStart()));
      }
      if (l.hasPreStop()) {
        l.setPreStop(handler(l.getPreStop()));
      }
      b.setLifecycle(l);
    }
    return b.build();
  }

  /** Always for {@code :latest} or no tag, IfNotPresent otherwise (a digest counts as pinned). */
  static String pullPolicy(String image) {
    if (image.contains("@")) {
      return "IfNotPresent";
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    String tag = colon > slash ? image.substring(colon + 1) : "latest";
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }

  private static Probe probe(Probe p) {
    Probe.Builder b = p.toBuilder();
    if (b.getTimeoutSeconds() == 0) {
      b.setTimeoutSeconds(1);
    }
    if (b.getPeriodSeconds() == 0) {
      b.setPeriodSeconds(10);
    }
    if (b.getSuccessThreshold() == 0) {
      b.setSuccessThreshold(1);
    }
    if (b.getFailureThreshold() == 0) {
      b.setFailureThreshold(3);
    }
    if (b.hasHttpGet()) {
      b.setHttpGet(httpGet(b.getHttpGet()));
    }
    return b.build();
  }

  private static LifecycleHandler handler(LifecycleHandler h) {
    return h.hasHttpGet() ? h.toBuilder().setHttpGet(httpGet(h.getHttpGet())).build() : h;
  }

  private static HTTPGetAction httpGet(HTTPGetAction a) {
    HTTPGetAction.Builder b = a.toBuilder();
    if (b.getPath().isEmpty()) {
      b.setPath("/");
    }
    if (b.getScheme().isEmpty()) {
      b.setScheme("HTTP");
    }
    return b.build();
  }
}
