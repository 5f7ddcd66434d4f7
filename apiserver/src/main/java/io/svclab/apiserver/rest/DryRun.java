package io.svclab.apiserver.rest;

import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code dryRun} option of create, update, patch and delete: {@code All} (the only value
 * Kubernetes knows) or nothing; anything else is refused as kube-apiserver's
 * {@code ValidateDryRun} refuses it, naming the options kind ({@code CreateOptions}, ...).
 */
final class DryRun {
  private DryRun() {}

  /** Whether the request is a dry run; {@code values} are every {@code dryRun} the request carries. */
  static boolean requested(List<String> values, String optionsKind) {
    if (values.isEmpty()) {
      return false;
    }
    if (values.stream().allMatch("All"::equals)) {
      return true;
    }
    String given = values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(", ", "[]string{", "}"));
    throw ApiException.invalid(optionsKind + ".meta.k8s.io", "", List.of(new Violation("dryRun",
        "dryRun: Unsupported value: " + given + ": supported values: \"All\"")));
  }
}
