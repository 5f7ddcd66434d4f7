package io.svclab.apiserver.validation;

/**
 * Kubernetes' field.ErrorType: the machine-readable cause (reported as the StatusCause reason)
 * and the words Kubernetes prints for it.
 */
public enum ErrorType {
  NOT_FOUND("FieldValueNotFound", "Not found"),
  REQUIRED("FieldValueRequired", "Required value"),
  DUPLICATE("FieldValueDuplicate", "Duplicate value"),
  INVALID("FieldValueInvalid", "Invalid value"),
  NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
  FORBIDDEN("FieldValueForbidden", "Forbidden"),
  TOO_LONG("FieldValueTooLong", "Too long"),
  TOO_MANY("FieldValueTooMany", "Too many"),
  INTERNAL("InternalError", "Internal error");

  private final String reason;
  private final String words;

  ErrorType(String reason, String words) {
    this.reason = reason;
    this.words = words;
  }

  /** The StatusCause type, e.g. {@code FieldValueInvalid}. */
  public String reason() { return reason; }

  /** What Kubernetes prints, e.g. {@code Invalid value}. */
  public String words() { return words; }

  /** Kubernetes never prints the bad value for these, whatever it is. */
  boolean hidesValue() {
    return this == REQUIRED || this == FORBIDDEN || this == TOO_LONG || this == INTERNAL;
  }
}
