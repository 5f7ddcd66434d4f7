package io.svclab.cli.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link TraceExplainer} found: a verdict and labelled sections (Address, Service,
 * Endpoints, DNS, Result, Problem...), printed like {@code kubectl describe}.
 */
public record Trace(Verdict verdict, List<Section> sections) {
  /** Where the packet ends: at an endpoint through a Service, at a pod directly, refused, or nowhere. */
  public enum Verdict { FORWARDED, DIRECT, REFUSED, NOT_FOUND }

  public record Section(String label, List<String> lines) {
    public Section {
      lines = List.copyOf(lines);
    }
  }

  public Trace {
    sections = List.copyOf(sections);
  }

  /** The lines of the first section with this label, or none. */
  public List<String> section(String label) {
    return sections.stream().filter(s -> s.label().equals(label)).findFirst().map(Section::lines).orElse(List.of());
  }

  public String render() {
    int width = sections.stream().mapToInt(s -> s.label().length()).max().orElse(0) + 2;
    StringBuilder out = new StringBuilder();
    for (Section s : sections) {
      List<String> lines = s.lines().isEmpty() ? List.of("<none>") : s.lines();
      for (int i = 0; i < lines.size(); i++) {
        String head = i == 0 ? s.label() + ":" : "";
        out.append(head).append(" ".repeat(width - head.length())).append(lines.get(i)).append('\n');
      }
    }
    return out.toString();
  }

  /** Collects sections in order. */
  static final class Builder {
    private final List<Section> sections = new ArrayList<>();

    Builder add(String label, List<String> lines) {
      sections.add(new Section(label, lines));
      return this;
    }

    Builder add(String label, String line) {
      return add(label, List.of(line));
    }

    Trace done(Verdict verdict) {
      return new Trace(verdict, sections);
    }
  }
}
