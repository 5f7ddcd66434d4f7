package io.svclab.apiserver.watch;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;

/** Where a watcher's events go (a gRPC stream in the server, a list in tests). */
public interface WatchSink {
  /** False while the transport's buffer is full; delivery resumes when {@link Watcher#signal()} is called again. */
  boolean isReady();

  void send(EventType type, Message object);

  /**
   * One change of the shared window, delivered as {@code type}: a sink that serializes can keep
   * the bytes in {@link WatchEntry#encoded} so every watcher of the change shares them.
   */
  default void send(EventType type, WatchEntry change) {
    send(type, change.object());
  }

  /** The watcher fell behind the window: end the stream with "too old resource version". */
  void expired(long requested, long oldest);
}
