package io.svclab.apiserver.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Descriptors.Descriptor;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.Service;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldOwnershipTest {
  private static final Descriptor SERVICE = Service.getDescriptor();
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2026-01-01T00:01:00Z");

  private static JsonObject json(String s) {
    return JsonParser.parseString(s.replace('\'', '"')).getAsJsonObject();
  }

  private static String v1(Ownership o) {
    return o.fields().toFieldsV1().toString();
  }

  private static final String PORT80 = "'k:{\\'port\\':80,\\'protocol\\':\\'TCP\\'}'";

  /** What kubectl's client-side apply creates: the manifest, with its last-applied annotation. */
  private static final JsonObject CLIENT_CREATED = json("{'metadata':{'name':'s','annotations':{'a':'1'}},"
      + "'spec':{'selector':{'app':'x'},'ports':[{'port':80,'protocol':'TCP','targetPort':80}]}}");

  private static List<Ownership> createdByClientSideApply() {
    return FieldOwnership.update(List.of(), "kubectl-client-side-apply", "v1", T0, new JsonObject(), CLIENT_CREATED,
        SERVICE);
  }

  @Test
  void aCreateGivesItsManagerEverythingItSetWithMapsAndListsAsMembers() {
    List<Ownership> owners = createdByClientSideApply();
    assertThat(owners).hasSize(1);
    assertThat(owners.get(0).operation()).isEqualTo("Update");
    assertThat(v1(owners.get(0))).isEqualTo(json("{'f:metadata':{'f:annotations':{'.':{},'f:a':{}}},"
        + "'f:spec':{'f:ports':{'.':{}," + PORT80 + ":{'.':{},'f:port':{},'f:protocol':{},'f:targetPort':{}}},"
        + "'f:selector':{}}}").toString());
  }

  @Test
  void anUpdateTakesWhatItChangesFromTheOthersAndNobodyKeepsWhatItRemoved() {
    JsonObject edited = CLIENT_CREATED.deepCopy();
    edited.getAsJsonObject("spec").addProperty("type", "NodePort");
    edited.getAsJsonObject("metadata").remove("annotations");
    edited.getAsJsonObject("spec").getAsJsonArray("ports").get(0).getAsJsonObject().addProperty("targetPort", 81);
    List<Ownership> owners = FieldOwnership.update(createdByClientSideApply(), "kubectl-edit", "v1", T1,
        CLIENT_CREATED, edited, SERVICE);
    assertThat(owners).extracting(Ownership::manager).containsExactly("kubectl-client-side-apply", "kubectl-edit");
    assertThat(v1(owners.get(0))).isEqualTo(json("{'f:spec':{'f:ports':{'.':{}," + PORT80
        + ":{'.':{},'f:port':{},'f:protocol':{}}},'f:selector':{}}}").toString());
    assertThat(v1(owners.get(1))).isEqualTo(json("{'f:spec':{'f:ports':{" + PORT80
        + ":{'f:targetPort':{}}},'f:type':{}}}").toString());
    assertThat(owners.get(1).time()).isEqualTo(T1);
  }

  @Test
  void anUpdateThatChangesNothingLeavesTheOwnersAsTheyWere() {
    List<Ownership> before = createdByClientSideApply();
    assertThat(FieldOwnership.update(before, "kubectl-edit", "v1", T1, CLIENT_CREATED, CLIENT_CREATED, SERVICE))
        .isEqualTo(before);
  }

  // ---------------- apply ----------------

  private static FieldOwnership.Applied applied(FieldOwnership.ApplyOutcome o) {
    assertThat(o).isInstanceOf(FieldOwnership.Applied.class);
    return (FieldOwnership.Applied) o;
  }

  private static final JsonObject CONFIG = json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},"
      + "'spec':{'selector':{'app':'x'},'ports':[{'port':80,'targetPort':80}]}}");

  static Stream<Arguments> conflicts() {
    return Stream.of(
        arguments("a changed value another updater set",
            "{'metadata':{'name':'s'},'spec':{'selector':{'app':'x'},'ports':[{'port':80,'targetPort':8080}]}}",
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: "
                + ".spec.ports[port=80,protocol=\"TCP\"].targetPort"),
        arguments("two fields: grouped under the manager",
            "{'metadata':{'name':'s'},'spec':{'selector':{'app':'y'},'ports':[{'port':80,'targetPort':8080}]}}",
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using v1:\n"
                + "- .spec.ports[port=80,protocol=\"TCP\"].targetPort\n- .spec.selector"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conflicts")
  void anApplyThatWouldChangeAnotherManagersFieldIsRefused(String name, String config, String message) {
    FieldOwnership.ApplyOutcome o = FieldOwnership.apply(createdByClientSideApply(), "kubectl", "v1", T1,
        CLIENT_CREATED, json(config), false, SERVICE);
    assertThat(o).isInstanceOfSatisfying(FieldOwnership.Conflicted.class,
        c -> assertThat(Conflict.message(c.conflicts())).isEqualTo(message));
  }

  @Test
  void sameValuesAreSharedNotConflicts() {
    FieldOwnership.Applied a = applied(FieldOwnership.apply(createdByClientSideApply(), "kubectl", "v1", T1,
        CLIENT_CREATED, CONFIG, false, SERVICE));
    assertThat(a.object().get("spec")).isEqualTo(CLIENT_CREATED.get("spec"));
    assertThat(a.owners()).extracting(Ownership::manager, Ownership::operation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("kubectl", "Apply"),
            org.assertj.core.groups.Tuple.tuple("kubectl-client-side-apply", "Update"));
  }

  @Test
  void forceTakesTheFieldFromItsOwner() {
    JsonObject config = json("{'metadata':{'name':'s'},'spec':{'ports':[{'port':80,'targetPort':8080}]}}");
    FieldOwnership.Applied a = applied(FieldOwnership.apply(createdByClientSideApply(), "kubectl", "v1", T1,
        CLIENT_CREATED, config, true, SERVICE));
    assertThat(a.object().getAsJsonObject("spec").getAsJsonArray("ports").get(0).getAsJsonObject()
        .get("targetPort").getAsInt()).isEqualTo(8080);
    Ownership csa = a.owners().stream().filter(o -> o.operation().equals("Update")).findFirst().orElseThrow();
    assertThat(v1(csa)).doesNotContain("targetPort").contains("f:selector");
  }

  @Test
  void applyCreatesWhatIsAbsentAndReapplyingTheSameKeepsItsEntry() {
    FieldOwnership.Applied first = applied(FieldOwnership.apply(List.of(), "kubectl", "v1", T0, null, CONFIG, false,
        SERVICE));
    assertThat(first.object()).isEqualTo(CONFIG);
    FieldOwnership.Applied again = applied(FieldOwnership.apply(first.owners(), "kubectl", "v1", T1, first.object(),
        CONFIG, false, SERVICE));
    assertThat(again.object()).isEqualTo(first.object());
    assertThat(again.owners()).isEqualTo(first.owners());
    assertThat(again.owners().get(0).time()).isEqualTo(T0);
  }

  static Stream<Arguments> removals() {
    return Stream.of(
        arguments("a port the applier no longer applies goes", List.<Ownership>of(),
            "{'metadata':{'name':'s'},'spec':{'ports':[{'port':80,'targetPort':80}]}}"),
        arguments("a label another manager owns stays",
            List.of(new Ownership("kubectl-label", "Update", "v1", T0,
                FieldSet.of(List.of(FieldPath.fields("metadata", "labels", "team"))))),
            "{'metadata':{'name':'s','labels':{'team':'a'}},'spec':{'ports':[{'port':80,'targetPort':80}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("removals")
  void fieldsTheApplierStopsApplyingAreRemovedUnlessSomeoneElseOwnsThem(String name, List<Ownership> others,
      String expectedSpecAndLabels) {
    JsonObject both = json("{'metadata':{'name':'s','labels':{'team':'a'}},'spec':{'ports':[{'port':80,'targetPort':80},"
        + "{'port':81,'targetPort':81}]}}");
    List<Ownership> owners = new java.util.ArrayList<>(others);
    owners.addAll(applied(FieldOwnership.apply(List.of(), "kubectl", "v1", T0, null, both, false, SERVICE)).owners());
    FieldOwnership.Applied a = applied(FieldOwnership.apply(owners, "kubectl", "v1", T1, both,
        json("{'metadata':{'name':'s'},'spec':{'ports':[{'port':80,'targetPort':80}]}}"), false, SERVICE));
    assertThat(a.object()).isEqualTo(json(expectedSpecAndLabels));
  }

  @Test
  void containersMergeByNameAndEnvByName() {
    Descriptor deployment = Deployment.getDescriptor();
    JsonObject live = json("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x',"
        + "'env':[{'name':'E','value':'1'},{'name':'F','value':'2'}]},{'name':'b','image':'y'}]}}}}");
    JsonObject config = json("{'spec':{'template':{'spec':{'containers':[{'name':'a','env':[{'name':'E','value':'9'}]}]}}}}");
    FieldOwnership.Applied a = applied(FieldOwnership.apply(List.of(), "kubectl", "apps/v1", T0, live, config, false,
        deployment));
    assertThat(a.object()).isEqualTo(json("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x',"
        + "'env':[{'name':'E','value':'9'},{'name':'F','value':'2'}]},{'name':'b','image':'y'}]}}}}"));
    FieldPath containers = FieldPath.fields("spec", "template", "spec", "containers");
    FieldPath a0 = containers.child(PathElement.parse("k:{\"name\":\"a\"}"));
    FieldSet owned = a.owners().get(0).fields();
    assertThat(owned.contains(a0)).isTrue();
    assertThat(owned.contains(a0.child(new PathElement.Field("env")).child(PathElement.parse("k:{\"name\":\"E\"}"))
        .child(new PathElement.Field("value")))).isTrue();
    assertThat(owned.touches(containers.child(PathElement.parse("k:{\"name\":\"b\"}")))).isFalse();
  }
}
