package io.svclab.apiserver.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKinds;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A change's wire forms are made once per event type and format, then shared. */
class WatchEntryTest {
  private final Service web = Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web")).build();
  private final WatchEntry change = new WatchEntry(7, ResourceKinds.SERVICES, EventType.ADDED, web, null);

  @Test
  void everyWatcherOfAChangeGetsTheBytesTheFirstOneMade() {
    AtomicInteger encodings = new AtomicInteger();

    byte[] first = change.encoded("grpc", EventType.ADDED, () -> bytes(encodings));
    byte[] second = change.encoded("grpc", EventType.ADDED, () -> bytes(encodings));

    assertThat(second).isSameAs(first);
    assertThat(encodings).hasValue(1);
  }

  @Test
  void theChangeSentAsAnotherTypeOrFormatIsEncodedApart() {
    AtomicInteger encodings = new AtomicInteger();

    byte[] added = change.encoded("grpc", EventType.ADDED, () -> bytes(encodings));
    byte[] deleted = change.encoded("grpc", EventType.DELETED, () -> bytes(encodings));
    byte[] json = change.encoded("json", EventType.ADDED, () -> bytes(encodings));

    assertThat(deleted).isNotSameAs(added);
    assertThat(json).isNotSameAs(added);
    assertThat(encodings).hasValue(3);
  }

  private byte[] bytes(AtomicInteger encodings) {
    encodings.incrementAndGet();
    return web.toByteArray();
  }
}
