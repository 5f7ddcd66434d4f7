package io.svclab.node.terminal;

import io.svclab.client.streams.ExecFrames;
import io.svclab.node.toolbox.SocketsInUse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The keyboard side of a TTY session while a command runs in the foreground: one thread reads what
 * the client sends as it arrives (so resize messages are taken and ^C is seen at once) and queues
 * it for the session, a bounded queue so a fast client waits instead of filling memory. ^C (0x03)
 * while a command runs is the kernel's ISIG: it echoes {@code ^C}, drops what was typed before it
 * and interrupts the foreground command (its thread, and any socket its tool has open); the
 * session then finishes the line with status 130 and no more of the command's output. The end of
 * the stream while a command runs is a hang-up: the command is interrupted the same way.
 */
final class StdinPump implements AutoCloseable {
  private static final byte[] END = new byte[0];
  private static final byte INTR = 0x03;

  private final TerminalSession.Streams io;
  private final Thread foreground;
  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(64);
  private final Thread reader;
  private volatile boolean closed;
  private boolean running;
  private boolean interrupted;

  StdinPump(TerminalSession.Streams io, Thread foreground) {
    this.io = io;
    this.foreground = foreground;
    this.reader = new Thread(this::pump, "exec-stdin-" + foreground.getName());
    reader.setDaemon(true);
  }

  StdinPump start() {
    reader.start();
    return this;
  }

  /** The next bytes typed, null at the end of stdin. */
  byte[] read() throws InterruptedException {
    byte[] b = queue.take();
    if (b == END) {
      queue.offer(END); // later reads see the end too
      return null;
    }
    return b;
  }

  /** A command starts in the foreground: ^C from now on interrupts it. */
  synchronized void foreground() {
    running = true;
    interrupted = false;
  }

  /** The foreground command ended: whether ^C interrupted it (its thread's interrupt is cleared). */
  synchronized boolean background() {
    running = false;
    Thread.interrupted();
    return interrupted;
  }

  /**
   * Writes the foreground command's output unless ^C has interrupted it (then it is dropped, as a
   * killed process writes nothing more). Under the lock, so the interrupt never lands mid-write: a
   * write to the exchange's socket channel from an interrupted thread would close the connection.
   */
  synchronized void unlessInterrupted(Runnable write) {
    if (!interrupted) write.run();
  }

  private void pump() {
    try {
      for (byte[] b = io.read(); b != null && !closed; b = io.read()) {
        byte[] rest = intercept(b);
        if (rest.length > 0) put(rest);
      }
    } catch (IOException | RuntimeException e) {
      // the client went away: the end of stdin
    } catch (InterruptedException e) {
      return;
    }
    hangUp();
    try {
      put(END);
    } catch (InterruptedException ignored) {
      // closed meanwhile: nobody reads any more
    }
  }

  private synchronized byte[] intercept(byte[] b) throws IOException {
    if (!running) return b;
    int at = lastIndexOf(b, INTR);
    if (at < 0) return b;
    interrupted = true;
    foreground.interrupt();
    SocketsInUse.closeAll(foreground);
    io.write(ExecFrames.STDOUT, "^C".getBytes(StandardCharsets.US_ASCII));
    return Arrays.copyOfRange(b, at + 1, b.length);
  }

  /**
   * The terminal went away (the client closed the stream or dropped): as the kernel sends SIGHUP
   * to a terminal's foreground job when it closes, the command running now is interrupted.
   */
  private synchronized void hangUp() {
    if (!running || closed) return;
    interrupted = true;
    foreground.interrupt();
    SocketsInUse.closeAll(foreground);
  }

  private void put(byte[] b) throws InterruptedException {
    while (!closed && !queue.offer(b, 200, TimeUnit.MILLISECONDS)) {
      // the session is busy: wait for it (or its end)
    }
  }

  /**
   * The session ended: the reader stops at its next message or when the client closes the stream.
   * It is not interrupted: an interrupt during a read of the exchange's socket channel closes the
   * channel, and with it the answer still to be written (the exit code).
   */
  @Override
  public void close() {
    closed = true;
    queue.clear();
  }

  private static int lastIndexOf(byte[] b, byte x) {
    for (int i = b.length - 1; i >= 0; i--) if (b[i] == x) return i;
    return -1;
  }
}
