package io.svclab.apiserver.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.svclab.apiserver.store.StorageEvent;
import io.svclab.etcd.v3.Event;
import io.svclab.etcd.v3.KeyValue;
import io.svclab.etcd.v3.ResponseHeader;
import io.svclab.etcd.v3.WatchResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchEventsTest {
  static final EtcdKeys KEYS = new EtcdKeys("/registry");
  static final ByteString KEY = ByteString.copyFromUtf8("/registry/pods/default/a");

  static KeyValue kv(long created, long modified, String value) {
    return KeyValue.newBuilder().setKey(KEY).setCreateRevision(created).setModRevision(modified)
        .setValue(ByteString.copyFromUtf8(value)).build();
  }

  @Test
  void putsAndDeletesBecomeStorageEventsWithTheirPreviousValues() {
    WatchResponse r = WatchResponse.newBuilder()
        .addEvents(Event.newBuilder().setType(Event.EventType.PUT).setKv(kv(5, 5, "a")))
        .addEvents(Event.newBuilder().setType(Event.EventType.PUT).setKv(kv(5, 6, "b")).setPrevKv(kv(5, 5, "a")))
        .addEvents(Event.newBuilder().setType(Event.EventType.DELETE)
            .setKv(KeyValue.newBuilder().setKey(KEY).setModRevision(7)).setPrevKv(kv(5, 6, "b")))
        .build();
    List<StorageEvent> events = WatchEvents.events(r, KEYS);
    assertThat(events).extracting(StorageEvent::revision).containsExactly(5L, 6L, 7L);
    assertThat(events).extracting(StorageEvent::key).containsOnly("/pods/default/a");
    assertThat(events.get(0).isCreate()).isTrue();
    assertThat(events.get(1).isCreate()).isFalse();
    assertThat(events.get(1).previousValue()).isEqualTo("a".getBytes());
    assertThat(events.get(2).isDelete()).isTrue();
    assertThat(events.get(2).previousValue()).isEqualTo("b".getBytes());
    assertThat(events).extracting(StorageEvent::createRevision).containsExactly(5L, 5L, 5L);
  }

  @Test
  void classifiesProgressCreationAndCompaction() {
    WatchResponse progress = WatchResponse.newBuilder().setHeader(ResponseHeader.newBuilder().setRevision(40)).build();
    WatchResponse created = WatchResponse.newBuilder().setCreated(true).build();
    WatchResponse compacted = WatchResponse.newBuilder().setCanceled(true).setCompactRevision(30).build();
    WatchResponse canceled = WatchResponse.newBuilder().setCanceled(true).setCancelReason("permission denied").build();
    assertThat(WatchEvents.isProgress(progress)).isTrue();
    assertThat(WatchEvents.isProgress(created)).isFalse();
    assertThat(WatchEvents.isCompacted(compacted)).isTrue();
    assertThat(WatchEvents.isCompacted(canceled)).isFalse();
    assertThat(WatchEvents.isProgress(canceled)).isFalse();
  }
}
