package io.svclab.apiserver.validation;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.EnvVar;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes' validateContainers / validateContainerCommon for regular containers. */
final class ContainerValidation {
  private ContainerValidation() {}

  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");

  static List<FieldError> containers(List<Container> containers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (containers.isEmpty()) {
      errs.add(FieldError.required(path, ""));
      return errs;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < containers.size(); i++) {
      Container c = containers.get(i);
      FieldPath p = path.index(i);
      errs.addAll(common(c, p));
      if (!names.add(c.getName())) {
        errs.add(FieldError.duplicate(p.child("name"), c.getName()));
      }
      if (c.hasLifecycle()) {
        if (c.getLifecycle().hasPostStart()) {
          errs.addAll(ProbeValidation.handler(ProbeValidation.Handler.of(c.getLifecycle().getPostStart()), p.child("lifecycle").child("postStart")));
        }
        if (c.getLifecycle().hasPreStop()) {
          errs.addAll(ProbeValidation.handler(ProbeValidation.Handler.of(c.getLifecycle().getPreStop()), p.child("lifecycle").child("preStop")));
        }
      }
      if (c.hasLivenessProbe()) {
        errs.addAll(ProbeValidation.liveness(c.getLivenessProbe(), p.child("livenessProbe")));
      }
      if (c.hasReadinessProbe()) {
        errs.addAll(ProbeValidation.readiness(c.getReadinessProbe(), p.child("readinessProbe")));
      }
      if (c.hasStartupProbe()) {
        errs.addAll(ProbeValidation.liveness(c.getStartupProbe(), p.child("startupProbe")));
      }
    }
    errs.addAll(hostPortConflicts(containers, path));
    return errs;
  }

  private static List<FieldError> common(Container c, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (c.getName().isEmpty()) {
      errs.add(FieldError.required(path.child("name"), ""));
    } else {
      errs.addAll(NameValidation.dns1123Label(c.getName(), path.child("name")));
    }
    if (c.getImage().isEmpty()) {
      errs.add(FieldError.required(path.child("image"), ""));
    }
    String tmp = c.getTerminationMessagePolicy();
    if (tmp.isEmpty()) {
      errs.add(FieldError.required(path.child("terminationMessagePolicy"), ""));
    } else if (!TERMINATION_MESSAGE_POLICIES.contains(tmp)) {
      errs.add(FieldError.notSupported(path.child("terminationMessagePolicy"), tmp, TERMINATION_MESSAGE_POLICIES));
    }
    errs.addAll(ports(c.getPortsList(), path.child("ports")));
    errs.addAll(env(c.getEnvList(), path.child("env")));
    if (c.getImagePullPolicy().isEmpty()) {
      errs.add(FieldError.required(path.child("imagePullPolicy"), ""));
    } else if (!PULL_POLICIES.contains(c.getImagePullPolicy())) {
      errs.add(FieldError.notSupported(path.child("imagePullPolicy"), c.getImagePullPolicy(), PULL_POLICIES));
    }
    return errs;
  }

  private static List<FieldError> ports(List<ContainerPort> ports, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort port = ports.get(i);
      FieldPath p = path.index(i);
      if (!port.getName().isEmpty()) {
        List<String> msgs = NameValidation.portName(port.getName());
        if (!msgs.isEmpty()) {
          msgs.forEach(m -> errs.add(FieldError.invalid(p.child("name"), port.getName(), m)));
        } else if (!names.add(port.getName())) {
          errs.add(FieldError.duplicate(p.child("name"), port.getName()));
        }
      }
      if (port.getContainerPort() == 0) {
        errs.add(FieldError.required(p.child("containerPort"), ""));
      } else {
        errs.addAll(PortValidation.number(port.getContainerPort(), p.child("containerPort")));
      }
      if (port.getHostPort() != 0) {
        errs.addAll(PortValidation.number(port.getHostPort(), p.child("hostPort")));
      }
      errs.addAll(PortValidation.protocol(port.getProtocol(), p.child("protocol")));
    }
    return errs;
  }

  private static List<FieldError> env(List<EnvVar> vars, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      EnvVar v = vars.get(i);
      FieldPath p = path.index(i);
      if (v.getName().isEmpty()) {
        errs.add(FieldError.required(p.child("name"), ""));
      } else {
        NameValidation.envVarName(v.getName()).forEach(m -> errs.add(FieldError.invalid(p.child("name"), v.getName(), m)));
      }
      if (v.hasValueFrom()) {
        var from = v.getValueFrom();
        int sources = (from.hasFieldRef() ? 1 : 0) + (from.hasResourceFieldRef() ? 1 : 0)
            + (from.hasConfigMapKeyRef() ? 1 : 0) + (from.hasSecretKeyRef() ? 1 : 0);
        FieldPath fp = p.child("valueFrom");
        if (sources == 0) {
          errs.add(FieldError.invalid(fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
        } else if (!v.getValue().isEmpty()) {
          errs.add(FieldError.invalid(fp, "", "may not be specified when `value` is not empty"));
        } else if (sources > 1) {
          errs.add(FieldError.invalid(fp, "", "may not have more than one field specified at a time"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> hostPortConflicts(List<Container> containers, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int ci = 0; ci < containers.size(); ci++) {
      List<ContainerPort> ports = containers.get(ci).getPortsList();
      for (int pi = 0; pi < ports.size(); pi++) {
        ContainerPort port = ports.get(pi);
        if (port.getHostPort() == 0) {
          continue;
        }
        String key = port.getProtocol() + "/" + port.getHostIp() + "/" + port.getHostPort();
        if (!seen.add(key)) {
          errs.add(FieldError.duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
        }
      }
    }
    return errs;
  }
}
