package io.svclab.apiserver.watch;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;
import java.util.function.Predicate;

/**
 * What a filtered watch sees of one change (Kubernetes' cacheWatcher rule): an object that
 * starts matching arrives as ADDED, one that stops matching leaves as DELETED, one that
 * never matched is not mentioned.
 */
public record WatchFilter(Predicate<Message> matches) {
  public static final WatchFilter EVERYTHING = new WatchFilter(m -> true);

  /** The event to deliver, or null for none. */
  public EventType translate(WatchEntry e) {
    boolean now = e.type() != EventType.DELETED && matches.test(e.object());
    boolean before = e.previous() != null && matches.test(e.previous());
    return switch (e.type()) {
      case ADDED -> now ? EventType.ADDED : null;
      case MODIFIED -> now && before ? EventType.MODIFIED : now ? EventType.ADDED : before ? EventType.DELETED : null;
      case DELETED -> before ? EventType.DELETED : null;
      default -> null;
    };
  }
}
