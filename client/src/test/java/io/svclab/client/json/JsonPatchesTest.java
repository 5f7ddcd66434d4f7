package io.svclab.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchesTest {
  private static JsonElement json(String s) {
    return JsonParser.parseString(s);
  }

  static Stream<Arguments> mergePatches() {
    return Stream.of(
        arguments(named("adds and replaces", "{\"a\":1,\"b\":{\"c\":2}}"), "{\"b\":{\"d\":3},\"a\":5}",
            "{\"a\":5,\"b\":{\"c\":2,\"d\":3}}"),
        arguments(named("null removes", "{\"a\":1,\"b\":2}"), "{\"a\":null}", "{\"b\":2}"),
        arguments(named("lists are replaced whole", "{\"l\":[1,2,3]}"), "{\"l\":[4]}", "{\"l\":[4]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mergePatches")
  void mergePatchIsRfc7386(String target, String patch, String expected) {
    assertThat(JsonPatches.merge(json(target), json(patch))).isEqualTo(json(expected));
  }

  static Stream<Arguments> strategicPatches() {
    String svc = "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080},{\"name\":\"https\","
        + "\"port\":443}],\"externalIPs\":[\"1.2.3.4\"]},\"metadata\":{\"labels\":{\"a\":\"1\"},\"finalizers\":[\"x\"]}}";
    return Stream.of(
        arguments(named("ports merge by port", svc), "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":9090}]}}",
            "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":9090},{\"name\":\"https\",\"port\":443}],"
                + "\"externalIPs\":[\"1.2.3.4\"]},\"metadata\":{\"labels\":{\"a\":\"1\"},\"finalizers\":[\"x\"]}}"),
        arguments(named("a new port is appended", svc), "{\"spec\":{\"$setElementOrder/ports\":[{\"port\":80},"
                + "{\"port\":443},{\"port\":53}],\"ports\":[{\"port\":53,\"protocol\":\"UDP\"}]}}",
            "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080},{\"name\":\"https\",\"port\":443},"
                + "{\"port\":53,\"protocol\":\"UDP\"}],\"externalIPs\":[\"1.2.3.4\"]},\"metadata\":{\"labels\":{\"a\":\"1\"},"
                + "\"finalizers\":[\"x\"]}}"),
        arguments(named("$patch: delete removes the keyed element", svc),
            "{\"spec\":{\"ports\":[{\"port\":443,\"$patch\":\"delete\"}]}}",
            "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080}],\"externalIPs\":[\"1.2.3.4\"]},"
                + "\"metadata\":{\"labels\":{\"a\":\"1\"},\"finalizers\":[\"x\"]}}"),
        arguments(named("lists without a merge key are replaced", svc), "{\"spec\":{\"externalIPs\":[\"5.6.7.8\"]}}",
            "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080},{\"name\":\"https\",\"port\":443}],"
                + "\"externalIPs\":[\"5.6.7.8\"]},\"metadata\":{\"labels\":{\"a\":\"1\"},\"finalizers\":[\"x\"]}}"),
        arguments(named("labels merge, null deletes; finalizers are a merged set", svc),
            "{\"metadata\":{\"labels\":{\"a\":null,\"b\":\"2\"},\"finalizers\":[\"y\"]}}",
            "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080},{\"name\":\"https\",\"port\":443}],"
                + "\"externalIPs\":[\"1.2.3.4\"]},\"metadata\":{\"labels\":{\"b\":\"2\"},\"finalizers\":[\"x\",\"y\"]}}"),
        arguments(named("$deleteFromPrimitiveList", svc), "{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"x\"]}}",
            "{\"spec\":{\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":8080},{\"name\":\"https\",\"port\":443}],"
                + "\"externalIPs\":[\"1.2.3.4\"]},\"metadata\":{\"labels\":{\"a\":\"1\"},\"finalizers\":[]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("strategicPatches")
  void strategicMergePatchFollowsKubernetes(String target, String patch, String expected) {
    assertThat(JsonPatches.strategic(json(target), json(patch), Service.getDescriptor())).isEqualTo(json(expected));
  }

  @Test
  void containersMergeByNameAndTheirEnvByName() {
    String pod = "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x:1\",\"env\":[{\"name\":\"K\",\"value\":\"1\"}]},"
        + "{\"name\":\"b\",\"image\":\"y:1\"}]}}";
    String patch = "{\"spec\":{\"containers\":[{\"name\":\"a\",\"env\":[{\"name\":\"L\",\"value\":\"2\"}]}]}}";
    assertThat(JsonPatches.strategic(json(pod), json(patch), Pod.getDescriptor())).isEqualTo(json(
        "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x:1\",\"env\":[{\"name\":\"K\",\"value\":\"1\"},"
            + "{\"name\":\"L\",\"value\":\"2\"}]},{\"name\":\"b\",\"image\":\"y:1\"}]}}"));
  }

  static Stream<Arguments> jsonPatches() {
    return Stream.of(
        arguments(named("replace in a list", "{\"l\":[{\"p\":80}]}"), "[{\"op\":\"replace\",\"path\":\"/l/0/p\",\"value\":90}]",
            "{\"l\":[{\"p\":90}]}"),
        arguments(named("add to the end and escape", "{\"l\":[1],\"m\":{}}"),
            "[{\"op\":\"add\",\"path\":\"/l/-\",\"value\":2},{\"op\":\"add\",\"path\":\"/m/a~1b\",\"value\":\"c\"}]",
            "{\"l\":[1,2],\"m\":{\"a/b\":\"c\"}}"),
        arguments(named("remove, move, copy, test", "{\"a\":1,\"b\":2}"),
            "[{\"op\":\"test\",\"path\":\"/a\",\"value\":1},{\"op\":\"move\",\"from\":\"/a\",\"path\":\"/c\"},"
                + "{\"op\":\"copy\",\"from\":\"/b\",\"path\":\"/d\"},{\"op\":\"remove\",\"path\":\"/b\"}]",
            "{\"c\":1,\"d\":2}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonPatches")
  void jsonPatchIsRfc6902(String target, String ops, String expected) {
    assertThat(JsonPatches.jsonPatch(json(target), json(ops).getAsJsonArray())).isEqualTo(json(expected));
  }

  @Test
  void jsonPatchOnAMissingPathFails() {
    assertThatThrownBy(() -> JsonPatches.jsonPatch(json("{}"), json("[{\"op\":\"remove\",\"path\":\"/x\"}]")
        .getAsJsonArray())).hasMessage("doc is missing path: \"/x\"");
    assertThatThrownBy(() -> JsonPatches.jsonPatch(json("{\"a\":1}"), json("[{\"op\":\"test\",\"path\":\"/a\","
        + "\"value\":2}]").getAsJsonArray())).hasMessage("testing value /a failed");
  }
}
