package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AggregatedDiscoveryTest {
  static Stream<Arguments> accepts() {
    return Stream.of(
        arguments(named("kubectl 1.32's Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"), true),
        arguments(named("parameters in another order, with spaces", "application/json; as=APIGroupDiscoveryList; "
            + "v=v2; g=apidiscovery.k8s.io"), true),
        arguments(named("v2beta1 only (not served here: kubectl 1.32 asks for v2 first)",
            "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"), false),
        arguments(named("plain JSON", "application/json, */*"), false),
        arguments(named("no Accept header", ""), false));
  }

  @ParameterizedTest
  @MethodSource("accepts")
  void servesTheAggregatedFormOnlyWhenAskedFor(String accept, boolean aggregated) {
    assertThat(AggregatedDiscovery.wanted(accept)).isEqualTo(aggregated);
  }

  private static JsonObject item(JsonObject list, int i) {
    return list.getAsJsonArray("items").get(i).getAsJsonObject();
  }

  @Test
  void coreGroupListsServicesWithSubresourcesAsKubeApiserver() {
    JsonObject core = AggregatedDiscovery.core();
    assertThat(core.get("kind").getAsString() + " " + core.get("apiVersion").getAsString())
        .isEqualTo("APIGroupDiscoveryList apidiscovery.k8s.io/v2");
    JsonObject v1 = item(core, 0).getAsJsonArray("versions").get(0).getAsJsonObject();
    assertThat(v1.get("version").getAsString()).isEqualTo("v1");
    JsonObject services = StreamSupport.stream(v1.getAsJsonArray("resources").spliterator(), false)
        .map(JsonElement::getAsJsonObject).filter(r -> r.get("resource").getAsString().equals("services"))
        .findFirst().orElseThrow();
    assertThat(services).isEqualTo(JsonParser.parseString("{\"resource\":\"services\","
        + "\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Service\"},\"scope\":\"Namespaced\","
        + "\"singularResource\":\"service\",\"verbs\":[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\","
        + "\"patch\",\"update\",\"watch\"],\"shortNames\":[\"svc\"],\"categories\":[\"all\"],"
        + "\"subresources\":[{\"subresource\":\"status\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\","
        + "\"kind\":\"Service\"},\"verbs\":[\"get\",\"patch\",\"update\"]}]}"));
  }

  @Test
  void everyNamedGroupIsOneItemWithItsVersions() {
    JsonObject groups = AggregatedDiscovery.groups();
    assertThat(groups.getAsJsonArray("items")).extracting(i -> i.getAsJsonObject().getAsJsonObject("metadata")
        .get("name").getAsString()).containsExactlyElementsOf(Discovery.groupVersions().stream()
            .filter(gv -> gv.contains("/")).map(gv -> gv.substring(0, gv.indexOf('/'))).distinct().toList());
    JsonObject apps = StreamSupport.stream(groups.getAsJsonArray("items").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .filter(i -> i.getAsJsonObject("metadata").get("name").getAsString().equals("apps")).findFirst().orElseThrow();
    assertThat(apps.getAsJsonArray("versions").get(0).getAsJsonObject().getAsJsonArray("resources").get(0)
        .getAsJsonObject().getAsJsonArray("subresources").get(0).toString()).isEqualTo("{\"subresource\":\"scale\","
            + "\"responseKind\":{\"group\":\"autoscaling\",\"version\":\"v1\",\"kind\":\"Scale\"},"
            + "\"verbs\":[\"get\",\"patch\",\"update\"]}");
  }
}
