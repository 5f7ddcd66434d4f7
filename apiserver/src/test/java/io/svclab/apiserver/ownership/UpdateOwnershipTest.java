package io.svclab.apiserver.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonParser;
import io.svclab.api.v1.FieldsV1;
import io.svclab.api.v1.ManagedFieldsEntry;
import io.svclab.api.v1.Service;
import io.svclab.apiserver.defaults.Defaults;
import io.svclab.client.json.KubeJson;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateOwnershipTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");
  private static final String PORT80 = "'k:{\\'port\\':80,\\'protocol\\':\\'TCP\\'}'";

  private static Service service(String json) {
    return KubeJson.decode(json.replace('\'', '"'), Service.getDefaultInstance()).object();
  }

  private static String fieldsV1(String json) {
    return JsonParser.parseString(json.replace('\'', '"')).getAsJsonObject().toString();
  }

  /** As the registry stores a create: recorded, then defaulted in full. */
  private static Service stored(Service created) {
    return Defaults.apply(ResourceKinds.SERVICES, UpdateOwnership.record(ResourceKinds.SERVICES,
        UpdateManager.named("kubectl-create"), "", T0, null, List.of(), created));
  }

  private static ManagedFieldsEntry entry(String manager, String fields) {
    return ManagedFieldsEntry.newBuilder().setManager(manager).setOperation("Update").setApiVersion("v1")
        .setFieldsType("FieldsV1").setFieldsV1(FieldsV1.newBuilder().setRaw(fieldsV1(fields))).build();
  }

  private static final ManagedFieldsEntry STORED = entry("kubectl-create", "{'f:spec':{'f:selector':{}}}");
  private static final ManagedFieldsEntry SENT = entry("someone", "{'f:spec':{'f:type':{}}}");

  static Stream<Arguments> startingOwners() {
    return Stream.of(
        arguments("a request without managedFields keeps the stored ones", List.of(), false, "", "kubectl-create"),
        arguments("managedFields sent replace the stored ones", List.of(SENT), false, "", "someone"),
        arguments("an empty list in JSON resets them", List.of(), true, "", ""),
        arguments("one empty entry resets them", List.of(ManagedFieldsEntry.getDefaultInstance()), false, "", ""),
        arguments("a status write keeps the stored ones whatever it sends", List.of(SENT), false, "status",
            "kubectl-create"),
        arguments("a status write cannot reset them", List.of(ManagedFieldsEntry.getDefaultInstance()), true, "status",
            "kubectl-create"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("startingOwners")
  void anUpdateStartsFromTheOwnersKubernetesDecodes(String name, List<ManagedFieldsEntry> requested, boolean reset,
      String subresource, String manager) {
    List<Ownership> owners = UpdateOwnership.starting(requested, List.of(STORED), reset, subresource);
    assertThat(owners.stream().map(Ownership::manager).findFirst().orElse("")).isEqualTo(manager);
  }

  static Stream<Arguments> createdServices() {
    return Stream.of(
        arguments("ClusterIP: type, sessionAffinity, internalTrafficPolicy, protocol and targetPort defaulted",
            "{'metadata':{'name':'s'},'spec':{'selector':{'app':'x'},'ports':[{'port':80}]}}",
            "{'f:spec':{'f:internalTrafficPolicy':{},'f:ports':{'.':{}," + PORT80
                + ":{'.':{},'f:port':{},'f:protocol':{},'f:targetPort':{}}},'f:selector':{},'f:sessionAffinity':{},"
                + "'f:type':{}}}"),
        arguments("LoadBalancer: also allocateLoadBalancerNodePorts and externalTrafficPolicy",
            "{'metadata':{'name':'s','labels':{'a':'b'}},'spec':{'type':'LoadBalancer','selector':{'app':'x'},"
                + "'ports':[{'port':80,'targetPort':8080}]}}",
            "{'f:metadata':{'f:labels':{'.':{},'f:a':{}}},'f:spec':{'f:allocateLoadBalancerNodePorts':{},"
                + "'f:externalTrafficPolicy':{},'f:internalTrafficPolicy':{},'f:ports':{'.':{}," + PORT80
                + ":{'.':{},'f:port':{},'f:protocol':{},'f:targetPort':{}}},'f:selector':{},'f:sessionAffinity':{},"
                + "'f:type':{}}}"));
  }

  /** As kube-apiserver, whose decoder defaults before its field manager; the allocator's fields are nobody's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("createdServices")
  void aCreatorOwnsTheDeclaredDefaultsButNotWhatTheAllocatorFills(String name, String manifest, String owned) {
    Service created = UpdateOwnership.record(ResourceKinds.SERVICES, UpdateManager.named("kubectl-create"), "", T0,
        null, List.of(), service(manifest));
    assertThat(created.getMetadata().getManagedFieldsList()).singleElement().satisfies(e -> {
      assertThat(e.getManager()).isEqualTo("kubectl-create");
      assertThat(e.getOperation()).isEqualTo("Update");
      assertThat(e.getSubresource()).isEmpty();
      assertThat(e.getFieldsV1().getRaw()).isEqualTo(fieldsV1(owned));
    });
  }

  @Test
  void aStatusWriteGetsAnEntryOfItsOwnForTheStatusItChanged() {
    Service live = stored(service("{'metadata':{'name':'s'},'spec':{'type':'LoadBalancer','ports':[{'port':80}]}}"));
    Service written = live.toBuilder().setStatus(service(
        "{'status':{'loadBalancer':{'ingress':[{'ip':'127.100.0.1'}]}}}").getStatus()).build();
    Service recorded = UpdateOwnership.record(ResourceKinds.SERVICES, UpdateManager.named("cloud-lb"), "status", T1,
        live, List.of(), written);
    List<ManagedFieldsEntry> entries = recorded.getMetadata().getManagedFieldsList();
    assertThat(entries).extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getSubresource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("kubectl-create", ""),
            org.assertj.core.groups.Tuple.tuple("cloud-lb", "status"));
    assertThat(entries.get(0)).isEqualTo(live.getMetadata().getManagedFields(0));
    assertThat(entries.get(1).getFieldsV1().getRaw()).isEqualTo(fieldsV1("{'f:status':{'f:loadBalancer':{'f:ingress':{}}}}"));
    assertThat(entries.get(1).getTime().getSeconds()).isEqualTo(T1.getEpochSecond());
  }

  @Test
  void aResetWithNoOtherChangeLeavesNoOwners() {
    Service live = stored(service("{'metadata':{'name':'s'},'spec':{'ports':[{'port':80}]}}"));
    Service reset = UpdateOwnership.record(ResourceKinds.SERVICES, new UpdateManager("kubectl-edit", true), "", T1,
        live, List.of(), live.toBuilder().setMetadata(live.getMetadata().toBuilder().clearManagedFields()).build());
    assertThat(reset.getMetadata().getManagedFieldsList()).isEmpty();
  }

  @Test
  void aResetWithAChangeLeavesTheWriterOwningWhatItChanged() {
    Service live = stored(service("{'metadata':{'name':'s'},'spec':{'ports':[{'port':80}]}}"));
    Service changed = live.toBuilder().setMetadata(live.getMetadata().toBuilder().clearManagedFields()
        .putLabels("a", "b")).build();
    Service recorded = UpdateOwnership.record(ResourceKinds.SERVICES, UpdateManager.named("kubectl-patch"), "", T1,
        live, List.of(ManagedFieldsEntry.getDefaultInstance()), changed);
    assertThat(recorded.getMetadata().getManagedFieldsList()).singleElement().satisfies(e -> {
      assertThat(e.getManager()).isEqualTo("kubectl-patch");
      assertThat(e.getFieldsV1().getRaw()).isEqualTo(fieldsV1("{'f:metadata':{'f:labels':{'.':{},'f:a':{}}}}"));
    });
  }

  static Stream<Arguments> grpcUserAgents() {
    return Stream.of(
        arguments("a component names itself before grpc-java's part", "endpoints-controller grpc-java-netty/1.68.1",
            "endpoints-controller"),
        arguments("a client that names no application", "grpc-java-netty/1.68.1", "grpc-java-netty"),
        arguments("grpcurl", "grpcurl/1.9.1 grpc-go/1.61.0", "grpcurl"),
        arguments("no user-agent", "", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grpcUserAgents")
  void aGrpcWriterIsNamedAfterTheApplicationInItsUserAgent(String name, String agent, String manager) {
    assertThat(UpdateManager.fromGrpcUserAgent(agent).name()).isEqualTo(manager);
  }
}
