package io.svclab.client.streams;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The query of {@code pods/log} (Kubernetes' {@code PodLogOptions}), read once by the apiserver
 * (which validates it) and again by the node-agent's kubelet endpoint (which applies it).
 */
public record PodLogOptions(String container, boolean follow, boolean previous, boolean timestamps,
    OptionalLong tailLines, OptionalLong sinceSeconds, Optional<Instant> sinceTime, OptionalLong limitBytes) {

  /** Bad input, worded as Kubernetes' validation of PodLogOptions words it. */
  public static final class Invalid extends IllegalArgumentException {
    public Invalid(String message) {
      super(message);
    }
  }

  public static PodLogOptions parse(Map<String, List<String>> query) {
    OptionalLong tail = number(query, "tailLines");
    OptionalLong since = number(query, "sinceSeconds");
    OptionalLong limit = number(query, "limitBytes");
    Optional<Instant> sinceTime = Optional.empty();
    String st = first(query, "sinceTime");
    if (!st.isEmpty()) {
      try {
        sinceTime = Optional.of(Instant.parse(st));
      } catch (DateTimeParseException e) {
        throw new Invalid("sinceTime: Invalid value: \"" + st + "\": must be an RFC3339 timestamp");
      }
    }
    if (tail.isPresent() && tail.getAsLong() < 0) {
      throw new Invalid("tailLines: Invalid value: " + tail.getAsLong() + ": must be greater than or equal to 0");
    }
    if (since.isPresent() && since.getAsLong() < 1) {
      throw new Invalid("sinceSeconds: Invalid value: " + since.getAsLong() + ": must be greater than 0");
    }
    if (limit.isPresent() && limit.getAsLong() < 1) {
      throw new Invalid("limitBytes: Invalid value: " + limit.getAsLong() + ": must be greater than 0");
    }
    if (since.isPresent() && sinceTime.isPresent()) {
      throw new Invalid("sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified");
    }
    return new PodLogOptions(first(query, "container"), flag(query, "follow"), flag(query, "previous"),
        flag(query, "timestamps"), tail, since, sinceTime, limit);
  }

  /** The earliest line time wanted, if any. */
  public Optional<Instant> earliest(Instant now) {
    if (sinceSeconds.isPresent()) {
      return Optional.of(now.minusSeconds(sinceSeconds.getAsLong()));
    }
    return sinceTime;
  }

  /** The query string (without {@code ?}) that asks for these options, container excluded. */
  public String query() {
    List<String> q = new ArrayList<>();
    if (follow) q.add("follow=true");
    if (previous) q.add("previous=true");
    if (timestamps) q.add("timestamps=true");
    tailLines.ifPresent(n -> q.add("tailLines=" + n));
    sinceSeconds.ifPresent(n -> q.add("sinceSeconds=" + n));
    sinceTime.ifPresent(t -> q.add("sinceTime=" + URLEncoder.encode(t.toString(), StandardCharsets.UTF_8)));
    limitBytes.ifPresent(n -> q.add("limitBytes=" + n));
    return String.join("&", q);
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  private static boolean flag(Map<String, List<String>> query, String name) {
    String v = first(query, name);
    switch (v) {
      case "", "false", "0", "False", "FALSE", "f", "F":
        return false;
      case "true", "1", "True", "TRUE", "t", "T":
        return true;
      default:
        throw new Invalid(name + ": Invalid value: \"" + v + "\": strconv.ParseBool: parsing \"" + v
            + "\": invalid syntax");
    }
  }

  private static OptionalLong number(Map<String, List<String>> query, String name) {
    String v = first(query, name);
    if (v.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new Invalid(name + ": Invalid value: \"" + v + "\": strconv.ParseInt: parsing \"" + v
          + "\": invalid syntax");
    }
  }
}
