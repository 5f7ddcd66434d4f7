package io.svclab.client.selection;

import io.svclab.api.v1.LabelSelectorRequirement;
import io.svclab.client.selection.LabelSelector.Operator;
import io.svclab.client.selection.LabelSelector.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Parses and renders label selectors with Kubernetes' syntax and error wording. */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** A Service-style equality selector; an empty map selects nothing (a Service without selector). */
  public static LabelSelector ofMap(Map<String, String> selector) {
    List<Requirement> reqs = new ArrayList<>();
    new TreeMap<>(selector).forEach((k, v) -> reqs.add(new Requirement(k, Operator.EQUALS, List.of(v))));
    return new LabelSelector(reqs);
  }

  /** A Deployment/ReplicaSet selector object (matchLabels + matchExpressions). */
  public static LabelSelector of(io.svclab.api.v1.LabelSelector selector) {
    List<Requirement> reqs = new ArrayList<>(ofMap(selector.getMatchLabelsMap()).requirements());
    for (LabelSelectorRequirement e : selector.getMatchExpressionsList()) {
      Operator op = switch (e.getOperator()) {
        case "In" -> Operator.IN;
        case "NotIn" -> Operator.NOT_IN;
        case "Exists" -> Operator.EXISTS;
        case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
        default -> throw new IllegalArgumentException("\"" + e.getOperator() + "\" is not a valid label selector operator");
      };
      reqs.add(new Requirement(e.getKey(), op, List.copyOf(e.getValuesList())));
    }
    return new LabelSelector(reqs);
  }

  /** Renders a selector object the way {@code kubectl} and the Scale subresource show it. */
  public static String render(io.svclab.api.v1.LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    new TreeMap<>(selector.getMatchLabelsMap()).forEach((k, v) -> parts.add(k + "=" + v));
    for (LabelSelectorRequirement e : selector.getMatchExpressionsList()) {
      switch (e.getOperator()) {
        case "In" -> parts.add(e.getKey() + " in (" + String.join(",", e.getValuesList()) + ")");
        case "NotIn" -> parts.add(e.getKey() + " notin (" + String.join(",", e.getValuesList()) + ")");
        case "Exists" -> parts.add(e.getKey());
        case "DoesNotExist" -> parts.add("!" + e.getKey());
        default -> { }
      }
    }
    return String.join(",", parts);
  }

  /**
   * Parses {@code k=v, k==v, k!=v, k in (a,b), k notin (a), k, !k}, comma-separated.
   *
   * @throws IllegalArgumentException with a message in Kubernetes' words when malformed
   */
  public static LabelSelector parse(String text) {
    if (text == null || text.isBlank()) {
      return LabelSelector.EVERYTHING;
    }
    List<Requirement> reqs = new ArrayList<>();
    for (String term : splitTerms(text)) {
      reqs.add(parseTerm(term.trim(), text));
    }
    return new LabelSelector(reqs);
  }

  private static List<String> splitTerms(String text) {
    List<String> terms = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        terms.add(text.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(text.substring(start));
    return terms;
  }

  private static Requirement parseTerm(String term, String whole) {
    if (term.isEmpty()) {
      throw new IllegalArgumentException("unable to parse requirement: found '', expected: identifier");
    }
    if (term.startsWith("!")) {
      return new Requirement(key(term.substring(1).trim()), Operator.DOES_NOT_EXIST, List.of());
    }
    int neq = term.indexOf("!=");
    if (neq > 0) {
      return new Requirement(key(term.substring(0, neq)), Operator.NOT_EQUALS, List.of(term.substring(neq + 2).trim()));
    }
    int eq = term.indexOf('=');
    if (eq > 0) {
      String value = term.startsWith("==", eq) ? term.substring(eq + 2) : term.substring(eq + 1);
      return new Requirement(key(term.substring(0, eq)), Operator.EQUALS, List.of(value.trim()));
    }
    String[] words = term.split("\\s+", 2);
    if (words.length == 2) {
      String rest = words[1].trim();
      Operator op;
      if (rest.startsWith("notin")) {
        op = Operator.NOT_IN;
        rest = rest.substring(5).trim();
      } else if (rest.startsWith("in")) {
        op = Operator.IN;
        rest = rest.substring(2).trim();
      } else {
        throw new IllegalArgumentException("unable to parse requirement: found '" + words[1].trim()
            + "', expected: in, notin, =, ==, !=, gt, lt");
      }
      if (!rest.startsWith("(") || !rest.endsWith(")")) {
        throw new IllegalArgumentException("unable to parse requirement: found '" + rest + "', expected: '('");
      }
      List<String> values = new ArrayList<>();
      for (String v : rest.substring(1, rest.length() - 1).split(",")) {
        if (!v.isBlank()) {
          values.add(v.trim());
        }
      }
      return new Requirement(key(words[0]), op, values);
    }
    return new Requirement(key(term), Operator.EXISTS, List.of());
  }

  private static String key(String k) {
    String key = k.trim();
    if (key.isEmpty() || !key.matches("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9](/([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?|[a-z0-9.-]+/([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]")) {
      throw new IllegalArgumentException("unable to parse requirement: invalid label key \"" + key + "\"");
    }
    return key;
  }
}
