package io.svclab.apiserver.validation;

import io.svclab.client.resource.ResourceKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The message of Kubernetes' NewInvalid StatusError:
 * {@code <Kind[.group]> "<name>" is invalid: <errors>}, where one error prints bare and several
 * print as {@code [e1, e2]} (utilerrors aggregate), repeated messages once.
 */
public final class InvalidObjectMessage {
  private InvalidObjectMessage() {}

  public static String render(ResourceKind<?> kind, String name, List<FieldError> errors) {
    return render(qualifiedKind(kind), name, errors);
  }

  public static String render(String qualifiedKind, String name, List<FieldError> errors) {
    Set<String> messages = new LinkedHashSet<>();
    for (FieldError e : errors) {
      messages.add(e.render());
    }
    String aggregate = messages.size() == 1
        ? messages.iterator().next()
        : "[" + String.join(", ", messages) + "]";
    return qualifiedKind + " " + GoQuote.quote(name) + " is invalid: " + aggregate;
  }

  /** schema.GroupKind.String(): {@code Service}, {@code Deployment.apps}, {@code EndpointSlice.discovery.k8s.io}. */
  public static String qualifiedKind(ResourceKind<?> kind) {
    String apiVersion = kind.apiVersion();
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? kind.kind() : kind.kind() + "." + apiVersion.substring(0, slash);
  }
}
