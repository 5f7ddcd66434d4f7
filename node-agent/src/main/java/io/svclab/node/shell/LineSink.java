package io.svclab.node.shell;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A program's output as whole lines to a line consumer (the container log, an exec client): a
 * line is passed on at its newline, and a last unfinished one at flush.
 */
public final class LineSink extends OutputStream {
  private final Consumer<String> lines;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  public LineSink(Consumer<String> lines) {
    this.lines = lines;
  }

  @Override
  public void write(int b) {
    if (b == '\n') {
      lines.accept(line.toString(StandardCharsets.UTF_8));
      line.reset();
    } else {
      line.write(b);
    }
  }

  @Override
  public void flush() {
    if (line.size() > 0) {
      lines.accept(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
