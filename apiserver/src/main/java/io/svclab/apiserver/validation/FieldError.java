package io.svclab.apiserver.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One failing field, as Kubernetes' field.Error: its {@link #render()} is byte-for-byte the
 * string a real apiserver puts in a StatusError, e.g.
 * {@code spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}.
 */
public record FieldError(ErrorType type, String field, BadValue badValue, String detail) {

  public static FieldError required(FieldPath path, String detail) {
    return new FieldError(ErrorType.REQUIRED, path.value(), BadValue.OMITTED, detail);
  }

  public static FieldError forbidden(FieldPath path, String detail) {
    return new FieldError(ErrorType.FORBIDDEN, path.value(), BadValue.OMITTED, detail);
  }

  public static FieldError invalid(FieldPath path, BadValue value, String detail) {
    return new FieldError(ErrorType.INVALID, path.value(), value, detail);
  }

  public static FieldError invalid(FieldPath path, String value, String detail) {
    return invalid(path, BadValue.of(value), detail);
  }

  public static FieldError invalid(FieldPath path, long value, String detail) {
    return invalid(path, BadValue.of(value), detail);
  }

  public static FieldError notSupported(FieldPath path, BadValue value, List<String> supported) {
    String detail = supported.isEmpty() ? ""
        : "supported values: " + supported.stream().map(GoQuote::quote).collect(Collectors.joining(", "));
    return new FieldError(ErrorType.NOT_SUPPORTED, path.value(), value, detail);
  }

  public static FieldError notSupported(FieldPath path, String value, List<String> supported) {
    return notSupported(path, BadValue.of(value), supported);
  }

  public static FieldError duplicate(FieldPath path, BadValue value) {
    return new FieldError(ErrorType.DUPLICATE, path.value(), value, "");
  }

  public static FieldError duplicate(FieldPath path, String value) {
    return duplicate(path, BadValue.of(value));
  }

  public static FieldError notFound(FieldPath path, BadValue value) {
    return new FieldError(ErrorType.NOT_FOUND, path.value(), value, "");
  }

  public static FieldError tooLong(FieldPath path, int maxBytes) {
    return new FieldError(ErrorType.TOO_LONG, path.value(), BadValue.OMITTED, "must have at most " + maxBytes + " bytes");
  }

  public static FieldError tooMany(FieldPath path, int actual, int max) {
    return new FieldError(ErrorType.TOO_MANY, path.value(), BadValue.of(actual), "must have at most " + max + " items");
  }

  /** Kubernetes' ErrorBody: the message without the field path. */
  public String body() {
    String s = type.hidesValue() || badValue.omitted()
        ? type.words()
        : type.words() + ": " + badValue.rendered();
    return detail.isEmpty() ? s : s + ": " + detail;
  }

  /** Kubernetes' Error(): {@code <field>: <body>}. */
  public String render() {
    return field + ": " + body();
  }

  @Override
  public String toString() { return render(); }
}
