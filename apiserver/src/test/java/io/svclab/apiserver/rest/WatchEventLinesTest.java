package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One encoding per event of one object, shared by every watcher; anything else is encoded anew. */
class WatchEventLinesTest {
  private final WatchEventLines lines = new WatchEventLines();
  private final AtomicInteger encodings = new AtomicInteger();

  private String line(String type, Service s) {
    return new String(lines.line(type, s, () -> {
      encodings.incrementAndGet();
      return "{\"type\":\"" + type + "\",\"name\":\"" + s.getMetadata().getName() + "\"}\n";
    }), StandardCharsets.UTF_8);
  }

  private static Service service(String name) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default")).build();
  }

  @Test
  void theSameEventOfTheSameObjectIsEncodedOnceForEveryWatcher() {
    Service s = service("a");
    for (int watcher = 0; watcher < 16; watcher++) {
      assertThat(line("ADDED", s)).isEqualTo("{\"type\":\"ADDED\",\"name\":\"a\"}\n");
    }
    assertThat(encodings).hasValue(1);
  }

  @Test
  void anotherEventTypeOfTheSameObjectIsEncodedAnew() {
    Service s = service("a");
    line("ADDED", s);
    assertThat(line("DELETED", s)).isEqualTo("{\"type\":\"DELETED\",\"name\":\"a\"}\n");
    assertThat(encodings).hasValue(2);
  }

  @Test
  void anEqualObjectThatIsNotTheSameInstanceIsEncodedAnew() {
    line("ADDED", service("a"));
    line("ADDED", service("a"));
    assertThat(encodings).hasValue(2);
  }

  @Test
  void manyObjectsEachGetTheirOwnLine() {
    for (int i = 0; i < 1000; i++) {
      Service s = service("s" + i);
      assertThat(line("MODIFIED", s)).isEqualTo("{\"type\":\"MODIFIED\",\"name\":\"s" + i + "\"}\n");
    }
    assertThat(encodings).hasValue(1000);
  }
}
