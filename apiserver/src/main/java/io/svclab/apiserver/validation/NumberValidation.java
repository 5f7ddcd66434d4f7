package io.svclab.apiserver.validation;

import java.util.List;

/** Kubernetes' ValidateNonnegativeField. */
final class NumberValidation {
  private NumberValidation() {}

  static List<FieldError> nonNegative(long value, FieldPath path) {
    return value < 0 ? List.of(FieldError.invalid(path, value, "must be greater than or equal to 0")) : List.of();
  }
}
