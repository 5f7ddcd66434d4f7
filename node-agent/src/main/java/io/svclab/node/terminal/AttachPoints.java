package io.svclab.node.terminal;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The containers started with {@code stdin: true} whose program waits for {@code kubectl attach}
 * (as {@code kubectl run -i} expects: its output reaches the attached client, none of it is
 * printed to nobody before). The first attach takes the program and runs it to its end on the
 * attaching request's thread; with {@code stdinOnce} semantics there is no second.
 */
public final class AttachPoints {
  /** A program waiting for its stdin: runs with the client's streams, returns the exit code. */
  public interface Waiting {
    int attach(TerminalSession.Streams io, boolean tty) throws IOException;
  }

  private final ConcurrentMap<String, Waiting> waiting = new ConcurrentHashMap<>();

  /** {@code ns/pod/container}. */
  public static String key(String namespace, String pod, String container) {
    return namespace + "/" + pod + "/" + container;
  }

  public void offer(String key, Waiting w) {
    waiting.put(key, w);
  }

  /** The waiting program, removed so no other attach runs it. */
  public Optional<Waiting> take(String key) {
    return Optional.ofNullable(waiting.remove(key));
  }

  /** The container stopped before anyone attached. */
  public void withdraw(String key, Waiting w) {
    waiting.remove(key, w);
  }
}
