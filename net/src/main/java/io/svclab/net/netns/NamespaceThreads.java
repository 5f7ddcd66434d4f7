package io.svclab.net.netns;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs a piece of work on a fresh thread that has entered a named network namespace
 * ({@code /run/netns/NAME}, as {@code ip netns add} makes them) with setns(2). A socket keeps the
 * namespace it was created in, so a listener opened here serves that namespace for its whole life
 * while the rest of the process stays where it is: node-agent opens its pods' servers in their
 * namespaces this way, and the lab launcher probes its node components' health.
 *
 * <p>The thread is never reused: it ends with the work, so no thread of the process is ever left
 * in the wrong namespace, and nothing needs to switch back (setns of a network namespace affects
 * only the calling thread).
 */
public final class NamespaceThreads {
  private static final int O_RDONLY = 0;
  private static final int O_CLOEXEC = 0x80000;
  private static final int CLONE_NEWNET = 0x40000000;

  private interface Libc extends Library {
    Libc C = Native.load("c", Libc.class);

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private NamespaceThreads() {}

  /** The file {@code ip netns} mounts a namespace on. */
  public static Path file(String namespace) {
    return Path.of("/run/netns", namespace);
  }

  /**
   * {@code work}'s result, computed in {@code namespace}; its exception as thrown. Fails with an
   * {@link IllegalStateException} naming the namespace when it cannot be entered.
   */
  public static <T> T call(String namespace, Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        enter(namespace);
        result.complete(work.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "netns-" + namespace);
    t.setDaemon(true);
    t.start();
    try {
      return result.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception x) throw x;
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void enter(String namespace) {
    String path = file(namespace).toString();
    int fd;
    try {
      fd = Libc.C.open(path, O_RDONLY | O_CLOEXEC);
    } catch (LastErrorException e) {
      throw new IllegalStateException("cannot open network namespace " + namespace + " (" + path + "): "
          + Errno.describe(e.getErrorCode()));
    }
    try {
      Libc.C.setns(fd, CLONE_NEWNET);
    } catch (LastErrorException e) {
      throw new IllegalStateException("cannot enter network namespace " + namespace + ": " + Errno.describe(e.getErrorCode()));
    } finally {
      Libc.C.close(fd);
    }
  }

  /** The few errno values these calls give, worded as strerror does. */
  static final class Errno {
    private Errno() {}

    static String describe(int errno) {
      return switch (errno) {
        case 1 -> "Operation not permitted (needs root: CAP_SYS_ADMIN)";
        case 2 -> "No such file or directory";
        case 13 -> "Permission denied";
        case 22 -> "Invalid argument";
        default -> "errno " + errno;
      };
    }
  }
}
