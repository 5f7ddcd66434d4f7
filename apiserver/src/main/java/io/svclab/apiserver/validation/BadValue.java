package io.svclab.apiserver.validation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The offending value, already rendered the way Go's field.Error prints it: strings quoted
 * with %q, numbers bare, and composite values in Go syntax (%#v), because clients and tests
 * compare the whole message with what a real cluster says.
 */
public record BadValue(String rendered, boolean omitted) {

  /** No value shown (Kubernetes' omitValue). */
  public static final BadValue OMITTED = new BadValue("", true);

  public static BadValue of(String s) {
    return new BadValue(GoQuote.quote(s), false);
  }

  public static BadValue of(long n) {
    return new BadValue(Long.toString(n), false);
  }

  /** A value whose Go rendering the caller already knows (structs, Stringers such as IntOrString). */
  public static BadValue goSyntax(String rendered) {
    return new BadValue(rendered, false);
  }

  /** {@code []string{"a", "b"}}. */
  public static BadValue stringSlice(List<String> values) {
    return goSyntax(values.stream().map(GoQuote::quote).collect(Collectors.joining(", ", "[]string{", "}")));
  }

  /** {@code map[string]string{"app":"nginx"}}: Go prints map keys sorted. */
  public static BadValue stringMap(Map<String, String> values) {
    return goSyntax(new TreeMap<>(values).entrySet().stream()
        .map(e -> GoQuote.quote(e.getKey()) + ":" + GoQuote.quote(e.getValue()))
        .collect(Collectors.joining(", ", "map[string]string{", "}")));
  }
}
