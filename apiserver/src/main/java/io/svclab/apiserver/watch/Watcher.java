package io.svclab.apiserver.watch;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.resource.ResourceKind;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watch stream: a cursor into the shared {@link WatchCache} window. Writers only bump the
 * window and signal; the watcher catches up on an executor at its own pace, so a slow client
 * never slows a writer. One that falls out of the window is ended with "too old resource
 * version" and relists, which keeps memory bounded without a per-watcher queue.
 */
public final class Watcher {
  private final WatchCache cache;
  private final ResourceKind<?> kind;
  private final WatchFilter filter;
  private final WatchSink sink;
  private final boolean bookmarks;
  private final Executor executor;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean bookmarkDue;
  private volatile boolean stopped;
  private long cursor;

  Watcher(WatchCache cache, ResourceKind<?> kind, WatchFilter filter, WatchSink sink, boolean bookmarks,
      long fromRevision, Executor executor) {
    this.cache = cache;
    this.kind = kind;
    this.filter = filter;
    this.sink = sink;
    this.bookmarks = bookmarks;
    this.cursor = fromRevision;
    this.executor = executor;
  }

  public ResourceKind<?> kind() { return kind; }

  /** New events may be available (or the transport became ready again). */
  public void signal() {
    if (!stopped && scheduled.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  void requestBookmark() {
    if (bookmarks) {
      bookmarkDue = true;
      signal();
    }
  }

  public void stop() {
    stopped = true;
    cache.remove(this);
  }

  public boolean stopped() { return stopped; }

  private void drain() {
    try {
      while (!stopped) {
        if (!sink.isReady()) {
          return;
        }
        long newest = cache.newestRevision();
        if (cursor >= newest) {
          if (bookmarkDue) {
            bookmarkDue = false;
            sendBookmark(newest);
          }
          return;
        }
        WatchEntry e = cache.entry(cursor + 1);
        if (e == null) {
          long oldest = cache.oldestResumable();
          stop();
          sink.expired(cursor, oldest);
          return;
        }
        cursor = e.revision();
        if (e.kind() != kind) {
          continue;
        }
        EventType t = filter.translate(e);
        if (t != null) {
          sink.send(t, e);
        }
      }
    } catch (RuntimeException ex) {
      stop();
      throw ex;
    } finally {
      scheduled.set(false);
      // an event or readiness change may have raced with the end of this drain
      if (!stopped && sink.isReady() && (cursor < cache.newestRevision() || bookmarkDue)) {
        signal();
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void sendBookmark(long revision) {
    cursor = Math.max(cursor, revision);
    ResourceKind k = kind;
    Message bookmark = k.withTypeMeta(k.withMeta(k.prototype(),
        ObjectMeta.newBuilder().setResourceVersion(Long.toString(revision)).build()));
    sink.send(EventType.BOOKMARK, bookmark);
  }
}
