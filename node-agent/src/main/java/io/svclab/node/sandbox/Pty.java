package io.svclab.node.sandbox;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal from libc through JNA ({@code posix_openpt}, {@code grantpt},
 * {@code unlockpt}, {@code ptsname_r}): the master end stays here, the slave's path
 * ({@code /dev/pts/N}) is opened by the program's session leader ({@link SandboxCommand#onTerminal}).
 * Reads poll with a timeout, so a reader thread can be told to stop; {@link #resize} is
 * {@code TIOCSWINSZ}, which the kernel turns into SIGWINCH for the foreground job.
 */
final class Pty implements AutoCloseable {
  private static final int O_RDWR = 2;
  private static final int O_NOCTTY = 0x100;
  private static final int O_CLOEXEC = 0x80000;
  private static final long TIOCSWINSZ = 0x5414;
  private static final short POLLIN = 0x1;
  private static final int EINTR = 4;
  private static final int EIO = 5;

  private interface Libc extends Library {
    Libc C = Native.load("c", Libc.class);

    int posix_openpt(int flags) throws LastErrorException;

    int grantpt(int fd) throws LastErrorException;

    int unlockpt(int fd) throws LastErrorException;

    int ptsname_r(int fd, byte[] buf, long len);

    long read(int fd, byte[] buf, long count) throws LastErrorException;

    long write(int fd, byte[] buf, long count) throws LastErrorException;

    int poll(Memory fds, long nfds, int timeout) throws LastErrorException;

    int ioctl(int fd, long request, short[] winsize) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int open(String path, int flags) throws LastErrorException;

    int kill(int pid, int sig) throws LastErrorException;
  }

  private static final int SIGHUP = 1;

  private final int master;
  private final String slave;
  private int heldSlave;
  private boolean closed;

  private Pty(int master, String slave, int heldSlave) {
    this.master = master;
    this.slave = slave;
    this.heldSlave = heldSlave;
  }

  static Pty open() throws IOException {
    int fd;
    try {
      fd = Libc.C.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IOException("posix_openpt: errno " + e.getErrorCode());
    }
    try {
      Libc.C.grantpt(fd);
      Libc.C.unlockpt(fd);
      byte[] name = new byte[128];
      int rc = Libc.C.ptsname_r(fd, name, name.length);
      if (rc != 0) {
        throw new IOException("ptsname_r: errno " + rc);
      }
      int len = 0;
      while (len < name.length && name[len] != 0) len++;
      String path = new String(name, 0, len, StandardCharsets.US_ASCII);
      // held open here until the program has exited: before its session opens the slave, and
      // after, a read of the master must wait, not fail as if the session were over
      return new Pty(fd, path, Libc.C.open(path, O_RDWR | O_NOCTTY | O_CLOEXEC));
    } catch (LastErrorException | IOException e) {
      Libc.C.close(fd);
      throw e instanceof IOException io ? io : new IOException("cannot set up a pseudo-terminal: errno "
          + ((LastErrorException) e).getErrorCode());
    }
  }

  /** The slave's path, {@code /dev/pts/N}. */
  String slave() {
    return slave;
  }

  /**
   * Waits up to {@code timeoutMillis} for output; the bytes read, an empty array when none came in
   * time, or null once no process has the terminal open any more (EIO: the session ended).
   */
  byte[] read(byte[] buf, int timeoutMillis) throws IOException {
    Memory pollfd = new Memory(8);
    pollfd.setInt(0, master);
    pollfd.setShort(4, POLLIN);
    pollfd.setShort(6, (short) 0);
    try {
      if (Libc.C.poll(pollfd, 1, timeoutMillis) == 0) {
        return new byte[0];
      }
      long n = Libc.C.read(master, buf, buf.length);
      if (n <= 0) {
        return null;
      }
      byte[] out = new byte[(int) n];
      System.arraycopy(buf, 0, out, 0, (int) n);
      return out;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EINTR) return new byte[0];
      if (e.getErrorCode() == EIO) return null;
      throw new IOException("reading the terminal: errno " + e.getErrorCode());
    }
  }

  /**
   * Input for the program, as if typed. Under the same lock as {@link #close}, so input arriving
   * after the session ended never reaches a descriptor the number was given to since.
   */
  synchronized void write(byte[] bytes) throws IOException {
    if (closed) {
      throw new IOException("the terminal is closed");
    }
    int off = 0;
    while (off < bytes.length) {
      byte[] rest = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, off, bytes.length);
      try {
        off += (int) Libc.C.write(master, rest, rest.length);
      } catch (LastErrorException e) {
        if (e.getErrorCode() != EINTR) throw new IOException("writing the terminal: errno " + e.getErrorCode());
      }
    }
  }

  /** The terminal's new size; the kernel signals the foreground job (SIGWINCH). */
  void resize(int columns, int lines) {
    try {
      Libc.C.ioctl(master, TIOCSWINSZ, new short[] {(short) lines, (short) columns, 0, 0});
    } catch (LastErrorException e) {
      // the session is over: nobody to tell
    }
  }

  /** The program has exited: once its descendants close the terminal too, reads end (EIO). */
  synchronized void releaseSlave() {
    if (heldSlave >= 0) {
      Libc.C.close(heldSlave);
      heldSlave = -1;
    }
  }

  /** SIGHUP to the session's leader, as a terminal hang-up sends it (an interactive bash ignores SIGTERM). */
  static void hangUp(long pid) {
    try {
      Libc.C.kill((int) pid, SIGHUP);
    } catch (LastErrorException e) {
      // already gone
    }
  }

  /** Closing the master hangs the terminal up: the session's leader gets SIGHUP. */
  @Override
  public synchronized void close() {
    releaseSlave();
    if (!closed) {
      closed = true;
      Libc.C.close(master);
    }
  }
}
