package io.svclab.client.informer;

import static io.svclab.client.testing.Objects.labeled;
import static io.svclab.client.testing.Objects.owned;
import static io.svclab.client.testing.Objects.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKinds;
import org.junit.jupiter.api.Test;

class ObjectCacheTest {
  private final ObjectCache<Service> cache = new ObjectCache<>(ResourceKinds.SERVICES);

  private static String names(java.util.List<Service> list) {
    return String.join(",", list.stream().map(s -> s.getMetadata().getName()).sorted().toList());
  }

  @Test
  void indexesFollowAddsUpdatesAndDeletes() {
    Service a = owned(labeled(svc("default", "a", "u1", 1), "app", "web"), "dep-1");
    Service b = labeled(svc("other", "b", "u2", 2), "app", "web");
    cache.apply(ObjectEvent.add(a));
    cache.apply(ObjectEvent.add(b));
    assertThat(names(cache.byIndex(Indexers.LABEL, "app=web"))).isEqualTo("a,b");
    assertThat(names(cache.byIndex(Indexers.NAMESPACE, "other"))).isEqualTo("b");
    assertThat(names(cache.byIndex(Indexers.OWNER, "dep-1"))).isEqualTo("a");

    Service a2 = labeled(svc("default", "a", "u1", 3), "app", "db"); // relabelled, owner dropped
    cache.apply(ObjectEvent.update(a, a2));
    assertThat(names(cache.byIndex(Indexers.LABEL, "app=web"))).isEqualTo("b");
    assertThat(names(cache.byIndex(Indexers.LABEL, "app=db"))).isEqualTo("a");
    assertThat(cache.byIndex(Indexers.OWNER, "dep-1")).isEmpty();

    cache.apply(ObjectEvent.delete(b));
    assertThat(cache.byIndex(Indexers.NAMESPACE, "other")).isEmpty();
    assertThat(cache.get("default/a")).contains(a2);
    assertThat(cache.size()).isEqualTo(1);
  }
}
