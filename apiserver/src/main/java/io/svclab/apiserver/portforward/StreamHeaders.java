package io.svclab.apiserver.portforward;

import java.util.Locale;
import java.util.Map;

/**
 * The headers of one port-forward SPDY stream ({@code streamType}, {@code port}, {@code requestID}),
 * checked as kubelet's {@code httpStreamReceived} checks them, in its words. A stream without a
 * requestID (kubectl before 1.6) gets kubelet's best-effort one from its stream id.
 */
public final class StreamHeaders {
  private StreamHeaders() {}

  public static final String DATA = "data";
  public static final String ERROR = "error";

  public sealed interface Parsed permits Accepted, Rejected {}

  public record Accepted(String type, int port, String requestId) implements Parsed {}

  public record Rejected(String message) implements Parsed {}

  /** {@code headers} as received (SPDY names are lower case; looked up without regard to case). */
  public static Parsed parse(Map<String, String> headers, int streamId) {
    String port = get(headers, "port");
    if (port.isEmpty()) {
      return new Rejected("\"port\" header is required");
    }
    int p;
    try {
      if (!port.chars().allMatch(Character::isDigit)) {
        throw new NumberFormatException();
      }
      p = Integer.parseInt(port);
      if (p > 65535) {
        return new Rejected("unable to parse \"" + port + "\" as a port: strconv.ParseUint: parsing \"" + port
            + "\": value out of range");
      }
    } catch (NumberFormatException e) {
      boolean digits = !port.isEmpty() && port.chars().allMatch(Character::isDigit);
      return new Rejected("unable to parse \"" + port + "\" as a port: strconv.ParseUint: parsing \"" + port + "\": "
          + (digits ? "value out of range" : "invalid syntax"));
    }
    if (p < 1) {
      return new Rejected("port \"" + port + "\" must be > 0");
    }
    String type = get(headers, "streamtype");
    if (type.isEmpty()) {
      return new Rejected("\"streamType\" header is required");
    }
    if (!type.equals(DATA) && !type.equals(ERROR)) {
      return new Rejected("invalid stream type \"" + type + "\"");
    }
    String requestId = get(headers, "requestid");
    if (requestId.isEmpty()) {
      requestId = Integer.toString(type.equals(ERROR) ? streamId : streamId - 2);
    }
    return new Accepted(type, p, requestId);
  }

  private static String get(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name)) {
        return e.getValue();
      }
    }
    return "";
  }
}
