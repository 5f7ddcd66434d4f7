package io.svclab.cli.demo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code curl -s} would show for one HTTP/1.1 exchange: a status and body, or curl's own
 * error line when the connection failed (status 0).
 */
public record HttpReply(int status, Map<String, String> headers, String body, String curlError) {
  public static HttpReply failed(String curlError) {
    return new HttpReply(0, Map.of(), "", curlError);
  }

  public boolean ok() {
    return status >= 200 && status < 400;
  }

  /** Parses a complete HTTP/1.1 response read until the server closed the connection. */
  public static HttpReply parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/") || end < 0) {
      return failed("curl: (8) Weird server reply");
    }
    String[] lines = raw.substring(0, end).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (RuntimeException e) {
      return failed("curl: (8) Weird server reply");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    String body = raw.substring(end + 4);
    String length = headers.get("content-length");
    if (length != null) {
      int n = Integer.parseInt(length);
      // bytes and chars agree for the ASCII pages the built-in images serve
      body = body.length() > n ? body.substring(0, n) : body;
    }
    return new HttpReply(status, Map.copyOf(headers), body, "");
  }
}
