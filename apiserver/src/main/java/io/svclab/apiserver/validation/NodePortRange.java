package io.svclab.apiserver.validation;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NodePort range (--service-node-port-range) and the errors Kubernetes' port allocator
 * gives for a requested port outside it, wrapped as the apiserver wraps them
 * ({@code spec.ports[i].nodePort: Invalid value: 80: provided port is not in the valid range. ...}).
 */
public record NodePortRange(int first, int last) {

  public static final NodePortRange DEFAULT = new NodePortRange(30000, 32767);

  public NodePortRange {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("bad NodePort range " + first + "-" + last);
    }
  }

  /** Parses {@code 30000-32767}. */
  public static NodePortRange parse(String range) {
    String[] parts = range.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("NodePort range must look like 30000-32767: " + range);
    }
    return new NodePortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
  }

  public boolean contains(int port) {
    return first <= port && port <= last;
  }

  /** The allocator's ErrNotInRange for one requested port, if it is outside the range. */
  public Optional<FieldError> check(FieldPath path, int nodePort) {
    return contains(nodePort) ? Optional.empty() : Optional.of(FieldError.invalid(path, nodePort,
        "provided port is not in the valid range. The range of valid ports is " + this));
  }

  /** Every user-requested (non-zero) nodePort and healthCheckNodePort of a Service outside the range. */
  public List<FieldError> check(Service service) {
    List<FieldError> errs = new ArrayList<>();
    ServiceSpec spec = service.getSpec();
    for (int i = 0; i < spec.getPortsCount(); i++) {
      int np = spec.getPorts(i).getNodePort();
      if (np != 0) {
        check(FieldPath.of("spec", "ports").index(i).child("nodePort"), np).ifPresent(errs::add);
      }
    }
    if (spec.getHealthCheckNodePort() != 0) {
      check(FieldPath.of("spec", "healthCheckNodePort"), spec.getHealthCheckNodePort()).ifPresent(errs::add);
    }
    return errs;
  }

  /** The allocator's ErrAllocated, for a requested port another Service holds. */
  public static FieldError alreadyAllocated(FieldPath path, int nodePort) {
    return FieldError.invalid(path, nodePort, "provided port is already allocated");
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
