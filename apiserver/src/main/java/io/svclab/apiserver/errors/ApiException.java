package io.svclab.apiserver.errors;

import io.grpc.Status;
import java.util.List;

/**
 * A Kubernetes StatusError: a reason (NotFound, AlreadyExists, Conflict, Invalid, ...) with
 * Kubernetes' message, mapped to a gRPC code by the factories below (NotFound -> NOT_FOUND, ...). Invalid errors also carry
 * every failing field so they travel as google.rpc.BadRequest field violations.
 */
public final class ApiException extends RuntimeException {
  private final Status.Code code;
  private final String reason;
  private final List<Violation> violations;
  private final Details details;

  /**
   * What a Kubernetes Status's {@code details} names: the resource (plural, e.g. {@code services}) for
   * NotFound/AlreadyExists/Conflict, the Kind for Invalid ({@code kubectl} prints "The Service "x" is invalid").
   */
  public record Details(String group, String kind, String name) {
    static final Details NONE = new Details("", "", "");
  }

  public ApiException(Status.Code code, String reason, String message, List<Violation> violations) {
    this(code, reason, message, violations, Details.NONE);
  }

  public ApiException(Status.Code code, String reason, String message, List<Violation> violations, Details details) {
    super(message, null, false, false);
    this.code = code;
    this.reason = reason;
    this.violations = List.copyOf(violations);
    this.details = details;
  }

  public Details details() { return details; }

  public Status.Code code() { return code; }

  public String reason() { return reason; }

  public List<Violation> violations() { return violations; }

  public static ApiException notFound(String plural, String name) {
    return new ApiException(Status.Code.NOT_FOUND, "NotFound", plural + " \"" + name + "\" not found", List.of(),
        new Details("", plural, name));
  }

  public static ApiException alreadyExists(String plural, String name) {
    return new ApiException(Status.Code.ALREADY_EXISTS, "AlreadyExists",
        plural + " \"" + name + "\" already exists", List.of(),
        new Details("", plural, name));
  }

  public static ApiException conflict(String plural, String name) {
    return conflict(plural, name,
        "the object has been modified; please apply your changes to the latest version and try again");
  }

  public static ApiException conflict(String plural, String name, String detail) {
    return new ApiException(Status.Code.ABORTED, "Conflict",
        "Operation cannot be fulfilled on " + plural + " \"" + name + "\": " + detail, List.of(),
        new Details("", plural, name));
  }

  /** {@code Service "bad" is invalid: <err>} or, for several, {@code ... is invalid: [<err1>, <err2>]}. */
  public static ApiException invalid(String kind, String name, List<Violation> violations) {
    List<String> distinct = violations.stream().map(Violation::rendered).distinct().toList();
    String errors = distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    return new ApiException(Status.Code.INVALID_ARGUMENT, "Invalid",
        kind + " \"" + name + "\" is invalid: " + errors, violations,
        new Details(kind.contains(".") ? kind.substring(kind.indexOf('.') + 1) : "",
            kind.contains(".") ? kind.substring(0, kind.indexOf('.')) : kind, name));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(Status.Code.INVALID_ARGUMENT, "BadRequest", message, List.of());
  }

  public static ApiException forbidden(String plural, String name, String detail) {
    return new ApiException(Status.Code.PERMISSION_DENIED, "Forbidden",
        plural + " \"" + name + "\" is forbidden: " + detail, List.of(),
        new Details("", plural, name));
  }

  public static ApiException expired(String message) {
    return new ApiException(Status.Code.OUT_OF_RANGE, "Expired", message, List.of());
  }

  /** Kubernetes' NewServiceUnavailable: the storage behind the API cannot be reached (503). */
  public static ApiException unavailable(String message) {
    return new ApiException(Status.Code.UNAVAILABLE, "ServiceUnavailable", message, List.of());
  }

  public static ApiException internal(String message) {
    return new ApiException(Status.Code.INTERNAL, "InternalError", "Internal error occurred: " + message, List.of());
  }
}
