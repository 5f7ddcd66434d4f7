package io.svclab.apiserver.validation;

import io.svclab.api.v1.ExecAction;
import io.svclab.api.v1.GRPCAction;
import io.svclab.api.v1.HTTPGetAction;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LifecycleHandler;
import io.svclab.api.v1.Probe;
import io.svclab.api.v1.TCPSocketAction;
import java.util.ArrayList;
import java.util.List;

/** Probes and lifecycle handlers: exactly one handler, and Kubernetes' threshold rules. */
final class ProbeValidation {
  private ProbeValidation() {}

  private static final List<String> HTTP_SCHEMES = List.of("HTTP", "HTTPS");

  /** The handler fields probes and lifecycle hooks share; absent ones are null. */
  record Handler(ExecAction exec, HTTPGetAction httpGet, TCPSocketAction tcpSocket, GRPCAction grpc) {
    static Handler of(Probe p) {
      return new Handler(p.hasExec() ? p.getExec() : null, p.hasHttpGet() ? p.getHttpGet() : null,
          p.hasTcpSocket() ? p.getTcpSocket() : null, p.hasGrpc() ? p.getGrpc() : null);
    }

    static Handler of(LifecycleHandler h) {
      return new Handler(h.hasExec() ? h.getExec() : null, h.hasHttpGet() ? h.getHttpGet() : null,
          h.hasTcpSocket() ? h.getTcpSocket() : null, null);
    }
  }

  static List<FieldError> liveness(Probe probe, FieldPath path) {
    List<FieldError> errs = probe(probe, path);
    if (probe.getSuccessThreshold() != 1) {
      errs.add(FieldError.invalid(path.child("successThreshold"), probe.getSuccessThreshold(), "must be 1"));
    }
    return errs;
  }

  static List<FieldError> readiness(Probe probe, FieldPath path) {
    List<FieldError> errs = probe(probe, path);
    if (probe.hasTerminationGracePeriodSeconds()) {
      errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), probe.getTerminationGracePeriodSeconds(),
          "must not be set for readinessProbes"));
    }
    return errs;
  }

  private static List<FieldError> probe(Probe probe, FieldPath path) {
    List<FieldError> errs = new ArrayList<>(handler(Handler.of(probe), path));
    errs.addAll(NumberValidation.nonNegative(probe.getInitialDelaySeconds(), path.child("initialDelaySeconds")));
    errs.addAll(NumberValidation.nonNegative(probe.getTimeoutSeconds(), path.child("timeoutSeconds")));
    errs.addAll(NumberValidation.nonNegative(probe.getPeriodSeconds(), path.child("periodSeconds")));
    errs.addAll(NumberValidation.nonNegative(probe.getSuccessThreshold(), path.child("successThreshold")));
    errs.addAll(NumberValidation.nonNegative(probe.getFailureThreshold(), path.child("failureThreshold")));
    if (probe.hasTerminationGracePeriodSeconds() && probe.getTerminationGracePeriodSeconds() <= 0) {
      errs.add(FieldError.invalid(path.child("terminationGracePeriodSeconds"), probe.getTerminationGracePeriodSeconds(), "must be greater than 0"));
    }
    return errs;
  }

  static List<FieldError> handler(Handler h, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    int handlers = 0;
    if (h.exec() != null) {
      handlers++;
      if (h.exec().getCommandCount() == 0) {
        errs.add(FieldError.required(path.child("exec").child("command"), ""));
      }
    }
    if (h.httpGet() != null) {
      if (handlers++ > 0) {
        errs.add(FieldError.forbidden(path.child("httpGet"), "may not specify more than 1 handler type"));
      } else {
        errs.addAll(httpGet(h.httpGet(), path.child("httpGet")));
      }
    }
    if (h.tcpSocket() != null) {
      if (handlers++ > 0) {
        errs.add(FieldError.forbidden(path.child("tcpSocket"), "may not specify more than 1 handler type"));
      } else {
        errs.addAll(PortValidation.numberOrName(h.tcpSocket().getPort(), path.child("tcpSocket").child("port")));
      }
    }
    if (h.grpc() != null) {
      if (handlers++ > 0) {
        errs.add(FieldError.forbidden(path.child("grpc"), "may not specify more than 1 handler type"));
      } else {
        errs.addAll(PortValidation.numberOrName(IntOrString.newBuilder().setNumber(h.grpc().getPort()).build(), path.child("grpc").child("port")));
      }
    }
    if (handlers == 0) {
      errs.add(FieldError.required(path, "must specify a handler type"));
    }
    return errs;
  }

  private static List<FieldError> httpGet(HTTPGetAction http, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (http.getPath().isEmpty()) {
      errs.add(FieldError.required(path.child("path"), ""));
    }
    errs.addAll(PortValidation.numberOrName(http.getPort(), path.child("port")));
    if (!HTTP_SCHEMES.contains(http.getScheme())) {
      errs.add(FieldError.notSupported(path.child("scheme"), http.getScheme(), HTTP_SCHEMES));
    }
    for (var header : http.getHttpHeadersList()) {
      NameValidation.httpHeaderName(header.getName()).forEach(m -> errs.add(FieldError.invalid(path.child("httpHeaders"), header.getName(), m)));
    }
    return errs;
  }
}
