package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.validation.ApiObjects;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rules every kind has unless its strategy says otherwise, shown on kinds that use them as they are. */
class DefaultStrategyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final String RS = "{'metadata':{'name':'rs','namespace':'default','uid':'u1','generation':3,"
      + "'labels':{'app':'x'},'creationTimestamp':'2025-01-01T00:00:00Z'},'spec':{'replicas':2},'status':{'replicas':2}}";

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Message apply(ResourceKind<?> kind, Function<DefaultStrategy, Message> step) {
    return step.apply(DefaultStrategy.of((ResourceKind) kind));
  }

  private static <T extends Message> T parse(ResourceKind<T> kind, String json) {
    return ApiObjects.parse(kind, json);
  }

  static Stream<Arguments> steps() {
    ResourceKind<?> rs = ResourceKinds.REPLICA_SETS;
    return Stream.of(
        arguments("create: status is cleared, generation 1, uid and creation stamp set", rs,
            (Function<DefaultStrategy, Message>) s -> s.prepareForCreate(
                parse(ResourceKinds.REPLICA_SETS, RS.replace(",'uid':'u1'", "")), NOW, "new-uid"),
            "uid new-uid, generation 1, created 2026-01-01T00:00:00Z, status {}"),
        arguments("create: a kind without spec gets no generation", ResourceKinds.ENDPOINTS,
            (Function<DefaultStrategy, Message>) s -> s.prepareForCreate(
                parse(ResourceKinds.ENDPOINTS, "{'metadata':{'name':'e','generation':4}}"), NOW, "new-uid"),
            "uid new-uid, generation 0, created 2026-01-01T00:00:00Z, status none"),
        arguments("create: deletion stamps sent with it are dropped", rs,
            (Function<DefaultStrategy, Message>) s -> s.prepareForCreate(parse(ResourceKinds.REPLICA_SETS,
                "{'metadata':{'name':'rs','deletionTimestamp':'2025-01-01T00:00:00Z'}}"), NOW, "new-uid"),
            "uid new-uid, generation 1, created 2026-01-01T00:00:00Z, status {}"),
        arguments("update: the main resource keeps the old status, uid, creation and generation", rs,
            (Function<DefaultStrategy, Message>) s -> s.prepareForUpdate(parse(ResourceKinds.REPLICA_SETS,
                "{'metadata':{'name':'rs','namespace':'default','uid':'forged','generation':9},'spec':{'replicas':5},"
                    + "'status':{'replicas':7}}"), parse(ResourceKinds.REPLICA_SETS, RS), false),
            "uid u1, generation 3, created 2025-01-01T00:00:00Z, status {replicas=2}"),
        arguments("update: a status write keeps the old spec and metadata", rs,
            (Function<DefaultStrategy, Message>) s -> s.prepareForUpdate(parse(ResourceKinds.REPLICA_SETS,
                "{'metadata':{'name':'rs','namespace':'default','labels':{'app':'changed'}},'spec':{'replicas':5},"
                    + "'status':{'replicas':7}}"), parse(ResourceKinds.REPLICA_SETS, RS), true),
            "uid u1, generation 3, created 2025-01-01T00:00:00Z, status {replicas=7}"),
        arguments("update: a spec change bumps the generation", rs,
            (Function<DefaultStrategy, Message>) s -> s.bumpGeneration(
                parse(ResourceKinds.REPLICA_SETS, RS.replace("'spec':{'replicas':2}", "'spec':{'replicas':5}")),
                parse(ResourceKinds.REPLICA_SETS, RS)),
            "uid u1, generation 4, created 2025-01-01T00:00:00Z, status {replicas=2}"),
        arguments("update: a label change does not", rs,
            (Function<DefaultStrategy, Message>) s -> s.bumpGeneration(
                parse(ResourceKinds.REPLICA_SETS, RS.replace("'app':'x'", "'app':'y'")), parse(ResourceKinds.REPLICA_SETS, RS)),
            "uid u1, generation 3, created 2025-01-01T00:00:00Z, status {replicas=2}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void lifecycle(String name, ResourceKind<?> kind, Function<DefaultStrategy, Message> step, String expected) {
    Message out = apply(kind, step);
    var meta = ((ResourceKind) kind).meta(out);
    var status = kind.statusField();
    String statusText = status == null ? "none" : ((Message) out.getField(status)).getAllFields().entrySet().stream()
        .map(e -> e.getKey().getName() + "=" + e.getValue()).toList().toString().replace('[', '{').replace(']', '}');
    assertThat("uid " + meta.getUid() + ", generation " + meta.getGeneration() + ", created "
        + Instant.ofEpochSecond(meta.getCreationTimestamp().getSeconds()) + ", status " + statusText
        + (meta.hasDeletionTimestamp() ? ", deleting" : "")).isEqualTo(expected);
  }

  static Stream<Arguments> deletions() {
    return Stream.of(
        arguments("no finalizers: removed now", "{'metadata':{'name':'e'}}", "now", false),
        arguments("a finalizer: marked now with grace 0", "{'metadata':{'name':'e','finalizers':['example.com/hold']}}",
            "marked 2026-01-01T00:00:00Z grace 0", false),
        arguments("a second delete leaves the mark as it is",
            "{'metadata':{'name':'e','finalizers':['example.com/hold'],'deletionTimestamp':'2025-01-01T00:00:00Z',"
                + "'deletionGracePeriodSeconds':0}}", "marked 2025-01-01T00:00:00Z grace 0", false),
        arguments("marked and its last finalizer gone: removed",
            "{'metadata':{'name':'e','deletionTimestamp':'2025-01-01T00:00:00Z','deletionGracePeriodSeconds':0}}",
            "now", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deletions")
  void deletionWaitsOnlyForFinalizers(String name, String json, String expected, boolean readyToRemove) {
    DefaultStrategy<io.svclab.api.v1.EndpointsObject> strategy = DefaultStrategy.of(ResourceKinds.ENDPOINTS);
    var obj = parse(ResourceKinds.ENDPOINTS, json);
    String outcome = strategy.markForDeletion(obj, DeleteRequest.getDefaultInstance(), NOW)
        .map(e -> "marked " + Instant.ofEpochSecond(e.getMetadata().getDeletionTimestamp().getSeconds())
            + " grace " + e.getMetadata().getDeletionGracePeriodSeconds())
        .orElse("now");
    assertThat(outcome).isEqualTo(expected);
    assertThat(strategy.readyToRemove(obj)).isEqualTo(readyToRemove);
  }

  static Stream<Arguments> validations() {
    return Stream.of(
        arguments("a valid create", ResourceKinds.LEASES, "{'metadata':{'name':'l','namespace':'default'}}", null, "[]"),
        arguments("a bad name, in Kubernetes' field path", ResourceKinds.LEASES,
            "{'metadata':{'name':'Bad_Name','namespace':'default'}}", null, "[metadata.name]"),
        arguments("an update that changes nothing", ResourceKinds.LEASES,
            "{'metadata':{'name':'l','namespace':'default','resourceVersion':'5'}}",
            "{'metadata':{'name':'l','namespace':'default','resourceVersion':'5'}}", "[]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validations")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void validateCallsTheKindsValidation(String name, ResourceKind<?> kind, String json, String oldJson, String fields) {
    DefaultStrategy strategy = DefaultStrategy.of((ResourceKind) kind);
    Message obj = parse(kind, json);
    Message old = oldJson == null ? null : parse(kind, oldJson);
    java.util.List<Violation> errors = strategy.validate(obj, old);
    assertThat(errors.stream().map(Violation::field).toList().toString()).isEqualTo(fields);
  }
}
