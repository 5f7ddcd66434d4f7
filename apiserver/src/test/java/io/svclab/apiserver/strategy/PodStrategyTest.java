package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Pod;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Pods: Pending on create, graceful deletion, and when a marked pod may go. */
class PodStrategyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private final PodStrategy strategy = new PodStrategy();

  private static Pod pod(String json) {
    return ApiObjects.parse(ResourceKinds.PODS, json);
  }

  private static DeleteRequest grace(long seconds) {
    return DeleteRequest.newBuilder().setName("p").setGracePeriodSeconds(seconds).build();
  }

  private static final DeleteRequest NO_GRACE = DeleteRequest.newBuilder().setName("p").build();
  private static final String RUNNING = "'spec':{'nodeName':'n1'},'status':{'phase':'Running'}";

  static Stream<Arguments> deletions() {
    return Stream.of(
        arguments("an unbound pod goes now: no kubelet to wait for",
            "{'metadata':{'name':'p'},'spec':{}}", NO_GRACE, "now"),
        arguments("a running pod waits the default 30 s",
            "{'metadata':{'name':'p'}," + RUNNING + "}", NO_GRACE, "grace 30 s, deleted at 00:00:30"),
        arguments("the pod's terminationGracePeriodSeconds",
            "{'metadata':{'name':'p'},'spec':{'nodeName':'n1','terminationGracePeriodSeconds':5},'status':{'phase':'Running'}}",
            NO_GRACE, "grace 5 s, deleted at 00:00:05"),
        arguments("the request's grace wins over the pod's",
            "{'metadata':{'name':'p'},'spec':{'nodeName':'n1','terminationGracePeriodSeconds':5},'status':{'phase':'Running'}}",
            grace(2), "grace 2 s, deleted at 00:00:02"),
        arguments("grace 0 (the kubelet's final delete) goes now",
            "{'metadata':{'name':'p','deletionTimestamp':'2026-01-01T00:00:30Z','deletionGracePeriodSeconds':30}," + RUNNING + "}",
            grace(0), "now"),
        arguments("a Succeeded pod goes now",
            "{'metadata':{'name':'p'},'spec':{'nodeName':'n1'},'status':{'phase':'Succeeded'}}", NO_GRACE, "now"),
        arguments("a Failed pod goes now",
            "{'metadata':{'name':'p'},'spec':{'nodeName':'n1'},'status':{'phase':'Failed'}}", NO_GRACE, "now"),
        arguments("an unbound pod with a finalizer is marked with grace 0",
            "{'metadata':{'name':'p','finalizers':['example.com/hold']},'spec':{}}", NO_GRACE,
            "grace 0 s, deleted at 00:00:00"),
        arguments("a longer request does not lengthen a running grace",
            "{'metadata':{'name':'p','deletionTimestamp':'2026-01-01T00:00:10Z','deletionGracePeriodSeconds':10}," + RUNNING + "}",
            grace(60), "grace 10 s, deleted at 00:00:10"),
        arguments("a shorter request brings the deletion forward",
            "{'metadata':{'name':'p','deletionTimestamp':'2026-01-01T00:00:30Z','deletionGracePeriodSeconds':30}," + RUNNING + "}",
            grace(5), "grace 5 s, deleted at 00:00:05"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deletions")
  void markForDeletion(String name, String json, DeleteRequest request, String expected) {
    String outcome = strategy.markForDeletion(pod(json), request, NOW)
        .map(p -> "grace " + p.getMetadata().getDeletionGracePeriodSeconds() + " s, deleted at "
            + Instant.ofEpochSecond(p.getMetadata().getDeletionTimestamp().getSeconds()).toString().substring(11, 19))
        .orElse("now");
    assertThat(outcome).isEqualTo(expected);
  }

  static Stream<Arguments> removals() {
    return Stream.of(
        arguments("a pod not marked stays", "{'metadata':{'name':'p'}," + RUNNING + "}", false),
        arguments("a marked pod within its grace stays",
            "{'metadata':{'name':'p','deletionTimestamp':'2026-01-01T00:00:30Z','deletionGracePeriodSeconds':30}," + RUNNING + "}",
            false),
        arguments("a marked pod with grace 0 and no finalizers goes",
            "{'metadata':{'name':'p','deletionTimestamp':'2026-01-01T00:00:00Z','deletionGracePeriodSeconds':0}," + RUNNING + "}",
            true),
        arguments("a finalizer holds a pod whose grace is over",
            "{'metadata':{'name':'p','finalizers':['example.com/hold'],'deletionTimestamp':'2026-01-01T00:00:00Z',"
                + "'deletionGracePeriodSeconds':0}," + RUNNING + "}", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("removals")
  void readyToRemove(String name, String json, boolean expected) {
    assertThat(strategy.readyToRemove(pod(json))).isEqualTo(expected);
  }

  static Stream<Arguments> creates() {
    return Stream.of(
        arguments("a new pod is Pending", "{'metadata':{'name':'p'},'spec':{}}"),
        arguments("a status sent with the create is replaced by Pending",
            "{'metadata':{'name':'p'},'spec':{},'status':{'phase':'Running','podIP':'127.244.1.5'}}"),
        arguments("a deletion stamp sent with the create is dropped",
            "{'metadata':{'name':'p','deletionTimestamp':'2026-01-01T00:00:30Z','deletionGracePeriodSeconds':30},'spec':{}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void prepareForCreate(String name, String json) {
    Pod created = strategy.prepareForCreate(pod(json), NOW, "uid-1");
    assertThat(created.getStatus()).isEqualTo(pod("{'status':{'phase':'Pending'}}").getStatus());
    assertThat(created.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1);
    assertThat(created.getMetadata().hasDeletionTimestamp()).isFalse();
  }
}
