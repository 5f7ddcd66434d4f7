package io.svclab.node.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the kernel's terminal driver does between a keyboard and a shell, as an immutable value:
 * bytes typed go in, the echo and the completed input come out. With a TTY it is Linux's
 * canonical mode with {@code ECHO ICRNL ONLCR}: Enter ({@code \r}) ends a line and echoes
 * {@code \r\n}, Backspace/DEL erases a character ({@code \b \b}), ^U the line, ^C discards the
 * line ({@code ^C} echoed) and interrupts, ^D on an empty line is end of input, escape sequences
 * (arrow keys) are dropped. Without a TTY it is a pipe: no echo, lines end at {@code \n}, and
 * the end of input comes from the stream closing, never from a byte.
 */
public record LineDiscipline(boolean tty, byte[] pending, Escape escape) {
  /** Where an escape sequence ({@code ESC [ ... final}) being dropped has got to. */
  public enum Escape { NONE, ESC, CSI }

  /** What typing produced: a line (without its newline), an interrupt, or the end of input. */
  public sealed interface Input {
    record Line(String text) implements Input {}

    record Interrupt() implements Input {}

    record End() implements Input {}
  }

  /** The new state, the bytes to echo back, and the input completed, in order. */
  public record Step(LineDiscipline next, byte[] echo, List<Input> inputs) {
    public String echoText() {
      return new String(echo, StandardCharsets.UTF_8);
    }
  }

  public static LineDiscipline of(boolean tty) {
    return new LineDiscipline(tty, new byte[0], Escape.NONE);
  }

  public Step feed(byte[] typed) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.writeBytes(pending);
    ByteArrayOutputStream echo = new ByteArrayOutputStream();
    List<Input> inputs = new ArrayList<>();
    Escape esc = escape;
    for (byte b : typed) {
      int c = b & 0xff;
      if (!tty) {
        if (c == '\n') {
          inputs.add(new Input.Line(line.toString(StandardCharsets.UTF_8)));
          line.reset();
        } else {
          line.write(c);
        }
        continue;
      }
      if (esc == Escape.ESC) {
        esc = c == '[' || c == 'O' ? Escape.CSI : Escape.NONE;
        continue;
      }
      if (esc == Escape.CSI) {
        if (c >= 0x40 && c <= 0x7e) esc = Escape.NONE;
        continue;
      }
      switch (c) {
        case '\r', '\n' -> {
          echo.writeBytes(CRLF);
          inputs.add(new Input.Line(line.toString(StandardCharsets.UTF_8)));
          line.reset();
        }
        case 0x7f, 0x08 -> {
          byte[] now = line.toByteArray();
          if (now.length > 0) {
            line.reset();
            line.write(now, 0, lastCharStart(now));
            echo.writeBytes(ERASE);
          }
        }
        case 0x15 -> {
          byte[] now = line.toByteArray();
          int chars = new String(now, StandardCharsets.UTF_8).codePointCount(0,
              new String(now, StandardCharsets.UTF_8).length());
          for (int i = 0; i < chars; i++) echo.writeBytes(ERASE);
          line.reset();
        }
        case 0x03 -> {
          echo.writeBytes("^C\r\n".getBytes(StandardCharsets.US_ASCII));
          line.reset();
          inputs.add(new Input.Interrupt());
        }
        case 0x04 -> {
          if (line.size() == 0) inputs.add(new Input.End());
        }
        case 0x1b -> esc = Escape.ESC;
        default -> {
          if (c >= 0x20 || c == '\t') {
            line.write(c);
            echo.write(c);
          }
        }
      }
    }
    return new Step(new LineDiscipline(tty, line.toByteArray(), esc), echo.toByteArray(), List.copyOf(inputs));
  }

  /** The text typed but not yet ended, as the pipe's last line when the stream closes. */
  public String unfinished() {
    return new String(pending, StandardCharsets.UTF_8);
  }

  /** Output the shell writes, as the terminal shows it: {@code ONLCR} turns each newline into CR LF. */
  public byte[] display(String output) {
    String text = tty ? output.replace("\r\n", "\n").replace("\n", "\r\n") : output;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] ERASE = {'\b', ' ', '\b'};

  private static int lastCharStart(byte[] b) {
    int i = b.length - 1;
    while (i > 0 && (b[i] & 0xc0) == 0x80) i--;
    return i;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LineDiscipline d && d.tty == tty && Arrays.equals(d.pending, pending) && d.escape == escape;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pending) * 31 + escape.hashCode() + (tty ? 1 : 0);
  }

  @Override
  public String toString() {
    return "LineDiscipline[tty=" + tty + ", pending=" + unfinished() + ", escape=" + escape + "]";
  }
}
