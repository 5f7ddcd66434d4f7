package io.svclab.apiserver.validation;

import io.svclab.api.v1.IntOrString;
import java.util.ArrayList;
import java.util.List;

/** Kubernetes' ValidatePortNumOrName and the shared protocol check. */
final class PortValidation {
  private PortValidation() {}

  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

  static List<FieldError> numberOrName(IntOrString port, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    if (port.getValueCase() == IntOrString.ValueCase.NAME) {
      for (String msg : NameValidation.portName(port.getName())) {
        errs.add(FieldError.invalid(path, port.getName(), msg));
      }
    } else {
      // an unset int-or-string is the int 0, as in Go
      for (String msg : NameValidation.portNumber(port.getNumber())) {
        errs.add(FieldError.invalid(path, port.getNumber(), msg));
      }
    }
    return errs;
  }

  static List<FieldError> number(long port, FieldPath path) {
    List<FieldError> errs = new ArrayList<>();
    for (String msg : NameValidation.portNumber(port)) {
      errs.add(FieldError.invalid(path, port, msg));
    }
    return errs;
  }

  static List<FieldError> protocol(String protocol, FieldPath path) {
    if (protocol.isEmpty()) {
      return List.of(FieldError.required(path, ""));
    }
    return PROTOCOLS.contains(protocol) ? List.of() : List.of(FieldError.notSupported(path, protocol, PROTOCOLS));
  }

  /** IntOrString.String(): Kubernetes prints it bare, never quoted. */
  static BadValue intOrString(IntOrString v) {
    return BadValue.goSyntax(v.getValueCase() == IntOrString.ValueCase.NAME ? v.getName() : Integer.toString(v.getNumber()));
  }
}
