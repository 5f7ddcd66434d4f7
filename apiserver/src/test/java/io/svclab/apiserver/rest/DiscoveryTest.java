package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private static JsonObject resource(String groupVersion, String name) {
    return StreamSupport.stream(Discovery.resources(groupVersion).getAsJsonArray("resources").spliterator(), false)
        .map(JsonElement::getAsJsonObject).filter(r -> r.get("name").getAsString().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + groupVersion));
  }

  @Test
  void everyGroupOfTheModelIsServedCoreFirst() {
    assertThat(Discovery.groupVersions()).containsExactly("v1", "discovery.k8s.io/v1", "apps/v1",
        "coordination.k8s.io/v1", "events.k8s.io/v1");
    assertThat(Discovery.groups().getAsJsonArray("groups")).extracting(g -> g.getAsJsonObject().get("name").getAsString())
        .containsExactly("discovery.k8s.io", "apps", "coordination.k8s.io", "events.k8s.io");
  }

  @Test
  void eventsAreServedInEventsK8sIoToo() {
    assertThat(resource("events.k8s.io/v1", "events")).isEqualTo(JsonParser.parseString("{\"name\":\"events\","
        + "\"singularName\":\"event\",\"namespaced\":true,\"kind\":\"Event\",\"verbs\":[\"create\",\"delete\","
        + "\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],\"shortNames\":[\"ev\"]}"));
  }

  @Test
  void servicesAreListedAsKubernetesListsThem() {
    assertThat(resource("v1", "services")).isEqualTo(JsonParser.parseString("{\"name\":\"services\","
        + "\"singularName\":\"service\",\"namespaced\":true,\"kind\":\"Service\",\"verbs\":[\"create\",\"delete\","
        + "\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],\"shortNames\":[\"svc\"],\"categories\":[\"all\"]}"));
    assertThat(resource("v1", "services/status").get("verbs").toString()).isEqualTo("[\"get\",\"patch\",\"update\"]");
    JsonObject scale = resource("apps/v1", "deployments/scale");
    assertThat(scale.get("group").getAsString() + "/" + scale.get("version").getAsString() + " "
        + scale.get("kind").getAsString()).isEqualTo("autoscaling/v1 Scale");
  }

  @Test
  void shortNamesAndTheAllCategoryFollowKubernetes() {
    assertThat(resource("apps/v1", "deployments").get("shortNames").toString()).isEqualTo("[\"deploy\"]");
    assertThat(resource("apps/v1", "replicasets").get("categories").toString()).isEqualTo("[\"all\"]");
    assertThat(resource("v1", "pods").get("shortNames").toString()).isEqualTo("[\"po\"]");
    for (String notInAll : List.of("endpoints", "nodes", "namespaces", "events")) {
      assertThat(resource("v1", notInAll).has("categories")).as(notInAll).isFalse();
    }
    assertThat(resource("v1", "nodes").get("namespaced").getAsBoolean()).isFalse();
    assertThat(resource("discovery.k8s.io/v1", "endpointslices").has("shortNames")).isFalse();
  }

  @Test
  void namespacesAloneCannotBeDeletedAsACollection() {
    assertThat(resource("v1", "namespaces").get("verbs").toString())
        .isEqualTo("[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]");
    for (String[] r : List.of(new String[] {"v1", "pods"}, new String[] {"v1", "nodes"}, new String[] {"v1", "events"},
        new String[] {"apps/v1", "deployments"}, new String[] {"coordination.k8s.io/v1", "leases"})) {
      assertThat(resource(r[0], r[1]).get("verbs").toString()).as(r[1]).contains("\"deletecollection\"");
    }
  }
}
