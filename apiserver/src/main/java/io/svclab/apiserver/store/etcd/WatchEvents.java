package io.svclab.apiserver.store.etcd;

import io.svclab.apiserver.store.StorageEvent;
import io.svclab.etcd.v3.Event;
import io.svclab.etcd.v3.WatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What one etcd watch response means for the store (the watch is created with {@code prev_kv}):
 * changes, a progress notification (no events: nothing of ours changed up to the header's
 * revision) or a cancellation because the start revision was compacted away.
 */
public final class WatchEvents {
  private WatchEvents() {}

  public static List<StorageEvent> events(WatchResponse r, EtcdKeys keys) {
    List<StorageEvent> out = new ArrayList<>(r.getEventsCount());
    for (Event e : r.getEventsList()) {
      var kv = e.getKv();
      byte[] previous = e.hasPrevKv() ? e.getPrevKv().getValue().toByteArray() : null;
      boolean delete = e.getType() == Event.EventType.DELETE;
      // a delete event's kv carries only the key and the deletion's revision; the created revision is the old one's
      long created = delete ? (e.hasPrevKv() ? e.getPrevKv().getCreateRevision() : 0) : kv.getCreateRevision();
      out.add(new StorageEvent(kv.getModRevision(), keys.storeKey(kv.getKey()),
          delete ? null : kv.getValue().toByteArray(), previous, created));
    }
    return out;
  }

  /** A progress notification: the watch has seen every change of ours up to the header's revision. */
  public static boolean isProgress(WatchResponse r) {
    return r.getEventsCount() == 0 && !r.getCreated() && !r.getCanceled();
  }

  /** The watch cannot start (or go on) where asked: that history was compacted away. */
  public static boolean isCompacted(WatchResponse r) {
    return r.getCanceled() && r.getCompactRevision() > 0;
  }
}
