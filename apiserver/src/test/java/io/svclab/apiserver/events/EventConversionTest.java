package io.svclab.apiserver.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSeries;
import io.svclab.api.v1.EventSource;
import io.svclab.api.v1.EventsV1Event;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.ObjectReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventConversionTest {
  private static final ObjectMeta META = ObjectMeta.newBuilder().setName("web.17f").setNamespace("demo")
      .setResourceVersion("42").build();
  private static final ObjectReference SERVICE = ObjectReference.newBuilder().setKind("Service").setNamespace("demo")
      .setName("web").setUid("u-1").setApiVersion("v1").build();
  private static final ObjectReference POD = ObjectReference.newBuilder().setKind("Pod").setName("web-1").build();
  private static final Timestamp T1 = Timestamp.newBuilder().setSeconds(1_700_000_000).build();
  private static final Timestamp T2 = Timestamp.newBuilder().setSeconds(1_700_000_060).build();
  private static final Timestamp MICRO = Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(123_456_000).build();
  private static final EventSource CLOUD = EventSource.newBuilder().setComponent("service-controller").build();
  private static final EventSeries SERIES = EventSeries.newBuilder().setCount(3).setLastObservedTime(MICRO).build();

  static Stream<Arguments> pairs() {
    return Stream.of(
        arguments(named("a cloud-lb Event as core/v1 writers record it (source, first/last, count)",
            Event.newBuilder().setApiVersion("v1").setKind("Event").setMetadata(META).setInvolvedObject(SERVICE)
                .setReason("EnsuredLoadBalancer").setMessage("Ensured load balancer").setType("Normal")
                .setSource(CLOUD).setFirstTimestamp(T1).setLastTimestamp(T2).setCount(2).build()),
            EventsV1Event.newBuilder().setApiVersion("events.k8s.io/v1").setKind("Event").setMetadata(META)
                .setRegarding(SERVICE).setReason("EnsuredLoadBalancer").setNote("Ensured load balancer")
                .setType("Normal").setDeprecatedSource(CLOUD).setDeprecatedFirstTimestamp(T1)
                .setDeprecatedLastTimestamp(T2).setDeprecatedCount(2).build()),
        arguments(named("an events.k8s.io-style Event (eventTime, series, reporting controller, related, action)",
            Event.newBuilder().setMetadata(META).setInvolvedObject(SERVICE).setRelated(POD).setEventTime(MICRO)
                .setSeries(SERIES).setReportingComponent("svclab.io/cloud-lb").setReportingInstance("cloud-lb-1")
                .setAction("Ensure").setReason("EnsuredLoadBalancer").setMessage("m").setType("Warning").build()),
            EventsV1Event.newBuilder().setMetadata(META).setRegarding(SERVICE).setRelated(POD).setEventTime(MICRO)
                .setSeries(SERIES).setReportingController("svclab.io/cloud-lb").setReportingInstance("cloud-lb-1")
                .setAction("Ensure").setReason("EnsuredLoadBalancer").setNote("m").setType("Warning").build()),
        arguments(named("an empty Event stays empty (no type meta invented)", Event.getDefaultInstance()),
            EventsV1Event.getDefaultInstance()));
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void coreToEventsV1(Event core, EventsV1Event v1) {
    assertThat(EventConversion.toEventsV1(core)).isEqualTo(v1);
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void eventsV1ToCore(Event core, EventsV1Event v1) {
    assertThat(EventConversion.toCore(v1)).isEqualTo(core);
  }
}
