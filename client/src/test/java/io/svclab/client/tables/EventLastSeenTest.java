package io.svclab.client.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSeries;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventLastSeenTest {
  static final Instant NOW = Instant.ofEpochSecond(1_000_000);

  static Timestamp ago(long seconds) {
    return Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - seconds).build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("core event with lastTimestamp", Event.newBuilder()
            .setFirstTimestamp(ago(300)).setLastTimestamp(ago(60)).build(), "60s"),
        Arguments.of("only firstTimestamp", Event.newBuilder().setFirstTimestamp(ago(120)).build(), "2m"),
        Arguments.of("events.k8s.io writer: only eventTime", Event.newBuilder().setEventTime(ago(45)).build(), "45s"),
        Arguments.of("series wins over lastTimestamp", Event.newBuilder().setLastTimestamp(ago(600))
            .setSeries(EventSeries.newBuilder().setCount(3).setLastObservedTime(ago(5))).build(), "5s"),
        Arguments.of("no time at all", Event.getDefaultInstance(), "<unknown>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lastSeenColumn(String name, Event event, String expected) {
    Table table = KubectlTables.events(List.of(event), NOW);
    assertThat(table.rows().get(0).get(0)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rowsSortOnTheSameTime(String name, Event event, String expected) {
    Event older = Event.newBuilder().setReason("older").setLastTimestamp(ago(100_000)).build();
    Table table = KubectlTables.events(List.of(event, older), NOW);
    assertThat(table.rows().get(0).get(2)).isEqualTo(expected.equals("<unknown>") ? "" : "older");
  }
}
