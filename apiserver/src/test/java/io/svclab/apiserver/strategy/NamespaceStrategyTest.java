package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Namespace;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Namespaces: always through Terminating, removed once their finalizers are gone, no content while terminating. */
class NamespaceStrategyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String MARKED = "'deletionTimestamp':'2025-12-31T23:59:00Z','deletionGracePeriodSeconds':0";
  private final NamespaceStrategy strategy = new NamespaceStrategy();

  private static Namespace ns(String json) {
    return ApiObjects.parse(ResourceKinds.NAMESPACES, json);
  }

  static Stream<Arguments> deletions() {
    return Stream.of(
        arguments("an active namespace is marked Terminating now",
            "{'metadata':{'name':'dev'},'spec':{'finalizers':['kubernetes']},'status':{'phase':'Active'}}",
            "Terminating since 2026-01-01T00:00:00Z"),
        arguments("a namespace without finalizers still goes through Terminating",
            "{'metadata':{'name':'dev'},'status':{'phase':'Active'}}", "Terminating since 2026-01-01T00:00:00Z"),
        arguments("a second delete keeps the first stamp",
            "{'metadata':{'name':'dev'," + MARKED + "},'spec':{'finalizers':['kubernetes']},'status':{'phase':'Terminating'}}",
            "Terminating since 2025-12-31T23:59:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deletions")
  void markForDeletion(String name, String json, String expected) {
    Namespace marked = strategy.markForDeletion(ns(json), DeleteRequest.getDefaultInstance(), NOW).orElseThrow();
    assertThat(marked.getStatus().getPhase() + " since "
        + Instant.ofEpochSecond(marked.getMetadata().getDeletionTimestamp().getSeconds())).isEqualTo(expected);
  }

  static Stream<Arguments> removals() {
    return Stream.of(
        arguments("an active namespace stays", "{'metadata':{'name':'dev'}}", false),
        arguments("the kubernetes finalizer holds a terminating namespace",
            "{'metadata':{'name':'dev'," + MARKED + "},'spec':{'finalizers':['kubernetes']}}", false),
        arguments("a metadata finalizer holds it too",
            "{'metadata':{'name':'dev','finalizers':['example.com/hold']," + MARKED + "}}", false),
        arguments("a terminating namespace with no finalizers goes",
            "{'metadata':{'name':'dev'," + MARKED + "}}", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("removals")
  void readyToRemove(String name, String json, boolean expected) {
    assertThat(strategy.readyToRemove(ns(json))).isEqualTo(expected);
  }

  static Stream<Arguments> contentCreates() {
    return Stream.of(
        arguments("into a live namespace", Optional.of(ns("{'metadata':{'name':'dev'}}")), ""),
        arguments("into a missing namespace", Optional.empty(), "NotFound: namespaces \"dev\" not found"),
        arguments("into a terminating namespace", Optional.of(ns("{'metadata':{'name':'dev'," + MARKED + "}}")),
            "Forbidden: pods \"web\" is forbidden: unable to create new content in namespace dev because it is being terminated"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contentCreates")
  void admitContent(String name, Optional<Namespace> stored, String expected) {
    ApiException e = catchThrowableOfType(ApiException.class,
        () -> NamespaceStrategy.admitContent(ResourceKinds.PODS, "web", "dev", stored));
    assertThat(e == null ? "" : e.reason() + ": " + e.getMessage()).isEqualTo(expected);
  }

  @Test
  void markingANamespaceStartsTheRemovalOfItsContents() {
    assertThat(strategy.deletionRemovesContents()).isTrue();
    assertThat(DefaultStrategy.of(ResourceKinds.SERVICES).deletionRemovesContents()).isFalse();
  }
}
