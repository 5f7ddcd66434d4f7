package io.svclab.node.sandbox;

import io.svclab.node.terminal.TerminalSession;
import io.svclab.node.terminal.WindowSize;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An attached program's streams whose output also goes to the container log, line by line (a
 * terminal's CR before LF dropped), as a runtime logs what a container with stdin writes.
 */
public final class LoggedStreams implements TerminalSession.Streams {
  private final TerminalSession.Streams io;
  private final Consumer<String> log;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public LoggedStreams(TerminalSession.Streams io, Consumer<String> log) {
    this.io = io;
    this.log = log;
  }

  @Override
  public byte[] read() throws IOException {
    return io.read();
  }

  @Override
  public synchronized void write(int channel, byte[] bytes) throws IOException {
    for (byte b : bytes) {
      if (b == '\n') {
        log.accept(new String(line.toByteArray(), StandardCharsets.UTF_8).replaceAll("\r+$", ""));
        line.reset();
      } else if (line.size() < 1 << 16) {
        line.write(b);
      }
    }
    io.write(channel, bytes);
  }

  @Override
  public Optional<WindowSize> windowSize() {
    return io.windowSize();
  }

  @Override
  public void onResize(Consumer<WindowSize> resized) {
    io.onResize(resized);
  }
}
