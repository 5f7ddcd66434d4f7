package io.svclab.node.terminal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A terminal's size as kubectl reports it on the resize channel ({@code {"Width":80,"Height":24}},
 * remotecommand's TerminalSize), as a shell sees it ({@code $COLUMNS}, {@code $LINES}).
 */
public record WindowSize(int columns, int lines) {
  private static final Pattern WIDTH = Pattern.compile("\"Width\"\\s*:\\s*(\\d{1,5})\\b");
  private static final Pattern HEIGHT = Pattern.compile("\"Height\"\\s*:\\s*(\\d{1,5})\\b");

  /** The size in a resize message; empty for anything else (a bad message is dropped, as kubelet logs and drops it). */
  public static Optional<WindowSize> parse(String json) {
    if (json.length() > 256) return Optional.empty();
    Matcher w = WIDTH.matcher(json);
    Matcher h = HEIGHT.matcher(json);
    if (!w.find() || !h.find()) return Optional.empty();
    return Optional.of(new WindowSize(Integer.parseInt(w.group(1)), Integer.parseInt(h.group(1))));
  }
}
