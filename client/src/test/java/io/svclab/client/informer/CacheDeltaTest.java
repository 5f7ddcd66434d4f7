package io.svclab.client.informer;

import static io.svclab.client.testing.Objects.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EventType;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKinds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CacheDeltaTest {
  private final CacheDelta<Service> delta = new CacheDelta<>(ResourceKinds.SERVICES);

  /** Events rendered as "ADD a@5", "UPDATE a@5->a@7", "DELETE a@7". */
  private static String render(List<ObjectEvent<Service>> events) {
    return String.join(", ", events.stream().map(e -> switch (e.type()) {
      case ADD -> "ADD " + v(e.newObject());
      case UPDATE -> "UPDATE " + v(e.oldObject()) + "->" + v(e.newObject());
      case DELETE -> "DELETE " + v(e.oldObject());
    }).toList());
  }

  private static String v(Service s) {
    return s.getMetadata().getName() + "@" + s.getMetadata().getResourceVersion()
        + (s.getMetadata().getUid().equals("u1") ? "" : "/" + s.getMetadata().getUid());
  }

  static Stream<Arguments> watchCases() {
    return Stream.of(
        Arguments.of("added, not cached -> add", EventType.ADDED, svc("a", "u1", 5), null, "ADD a@5"),
        Arguments.of("modified, not cached -> add", EventType.MODIFIED, svc("a", "u1", 5), null, "ADD a@5"),
        Arguments.of("modified, newer -> update", EventType.MODIFIED, svc("a", "u1", 7), svc("a", "u1", 5), "UPDATE a@5->a@7"),
        Arguments.of("modified, same version (replay) -> nothing", EventType.MODIFIED, svc("a", "u1", 5), svc("a", "u1", 5), ""),
        Arguments.of("modified, older (replay) -> nothing", EventType.MODIFIED, svc("a", "u1", 4), svc("a", "u1", 5), ""),
        Arguments.of("added again after relist saw it -> nothing", EventType.ADDED, svc("a", "u1", 5), svc("a", "u1", 5), ""),
        Arguments.of("added with new uid -> delete + add", EventType.ADDED, svc("a", "u2", 9), svc("a", "u1", 5), "DELETE a@5, ADD a@9/u2"),
        Arguments.of("deleted, cached -> delete of last known", EventType.DELETED, svc("a", "u1", 8), svc("a", "u1", 5), "DELETE a@5"),
        Arguments.of("deleted, not cached -> nothing", EventType.DELETED, svc("a", "u1", 8), null, ""),
        Arguments.of("deleted older incarnation -> nothing", EventType.DELETED, svc("a", "u1", 4), svc("a", "u2", 9), ""),
        Arguments.of("bookmark -> nothing", EventType.BOOKMARK, svc("", "", 20), null, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("watchCases")
  void watchEvent(String name, EventType type, Service object, Service cached, String expected) {
    assertThat(render(delta.forWatchEvent(type, object, cached))).isEqualTo(expected);
  }

  static Stream<Arguments> relistCases() {
    return Stream.of(
        Arguments.of("empty cache, two listed -> two adds", List.of(), List.of(svc("a", "u1", 5), svc("b", "u1", 6)),
            "ADD a@5, ADD b@6"),
        Arguments.of("unchanged -> nothing", List.of(svc("a", "u1", 5)), List.of(svc("a", "u1", 5)), ""),
        Arguments.of("newer version -> update", List.of(svc("a", "u1", 5)), List.of(svc("a", "u1", 9)), "UPDATE a@5->a@9"),
        Arguments.of("gone from list -> delete", List.of(svc("a", "u1", 5), svc("b", "u1", 6)), List.of(svc("b", "u1", 6)),
            "DELETE a@5"),
        Arguments.of("recreated under same name -> delete + add", List.of(svc("a", "u1", 5)), List.of(svc("a", "u2", 9)),
            "DELETE a@5, ADD a@9/u2"),
        Arguments.of("mixed: deletes come first", List.of(svc("a", "u1", 5), svc("b", "u1", 6)),
            List.of(svc("b", "u1", 8), svc("c", "u1", 7)), "DELETE a@5, UPDATE b@6->b@8, ADD c@7"),
        Arguments.of("everything gone -> deletes", List.of(svc("a", "u1", 5)), List.of(), "DELETE a@5"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("relistCases")
  void relist(String name, List<Service> cached, List<Service> listed, String expected) {
    Map<String, Service> cache = new LinkedHashMap<>();
    cached.forEach(s -> cache.put(ResourceKinds.SERVICES.key(s), s));
    assertThat(render(delta.forRelist(cache, listed))).isEqualTo(expected);
  }
}
