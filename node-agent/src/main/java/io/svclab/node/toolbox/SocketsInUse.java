package io.svclab.node.toolbox;

import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets each thread's tool has open, so an interrupt (^C on a terminal) can close them: a
 * blocking connect or read on a JDK socket does not notice Thread.interrupt(), a close it does,
 * as a killed process' sockets close. A socket leaves the registry when it closes.
 */
public final class SocketsInUse {
  private static final Map<Thread, Set<Socket>> OPEN = new ConcurrentHashMap<>();

  private SocketsInUse() {}

  /** A socket that registers itself for the current thread until it is closed. */
  static Socket open() {
    Thread owner = Thread.currentThread();
    Socket s = new Socket() {
      @Override
      public synchronized void close() throws IOException {
        try {
          super.close();
        } finally {
          OPEN.computeIfPresent(owner, (t, set) -> {
            set.remove(this);
            return set.isEmpty() ? null : set;
          });
        }
      }
    };
    OPEN.computeIfAbsent(owner, t -> ConcurrentHashMap.newKeySet()).add(s);
    return s;
  }

  /** Closes every socket {@code thread}'s tools have open (their blocked connect or read fails at once). */
  public static void closeAll(Thread thread) {
    Set<Socket> sockets = OPEN.remove(thread);
    if (sockets == null) return;
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing is all that is asked: a socket that fails to close is closed enough
      }
    }
  }

  /** How many threads have sockets open (tests: nothing stays registered). */
  static int threads() {
    return OPEN.size();
  }
}
