package io.svclab.apiserver.rest.kubeproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.client.flags.GoDuration;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The types whose Kubernetes JSON is not their message shape, built with Kubernetes' own descriptors. */
class KubeProtoJsonTest {
  private static Message message(Descriptor type, Object... namesAndValues) {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.setField(type.findFieldByName((String) namesAndValues[i]), namesAndValues[i + 1]);
    }
    return b.build();
  }

  static Stream<Arguments> specialTypes() {
    Descriptor intOrString = IntStr.getDescriptor().findMessageTypeByName("IntOrString");
    Descriptor quantity = Resource.getDescriptor().findMessageTypeByName("Quantity");
    Descriptor time = Meta.getDescriptor().findMessageTypeByName("Time");
    Descriptor microTime = Meta.getDescriptor().findMessageTypeByName("MicroTime");
    Descriptor duration = Meta.getDescriptor().findMessageTypeByName("Duration");
    Descriptor raw = Runtime.getDescriptor().findMessageTypeByName("RawExtension");
    return Stream.of(
        arguments("IntOrString as an int", message(intOrString, "type", 0L, "intVal", 80), "80"),
        arguments("IntOrString as a name", message(intOrString, "type", 1L, "strVal", "http"), "\"http\""),
        arguments("Quantity as its string", message(quantity, "string", "500m"), "\"500m\""),
        arguments("Time in RFC 3339 seconds", message(time, "seconds", 1_700_000_000L, "nanos", 0),
            "\"2023-11-14T22:13:20Z\""),
        arguments("Go's zero Time is null", message(time), "null"),
        arguments("MicroTime keeps microseconds", message(microTime, "seconds", 1_700_000_000L, "nanos", 123_456_000),
            "\"2023-11-14T22:13:20.123456Z\""),
        arguments("Duration as Go prints it", message(duration, "duration", 90_000_000_000L), "\"1m30s\""),
        arguments("RawExtension is its embedded JSON",
            message(raw, "raw", ByteString.copyFrom("{\"a\":[1]}", StandardCharsets.UTF_8)), "{\"a\":[1]}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specialTypes")
  void specialTypesHaveKubernetesJson(String name, Message value, String json) {
    assertThat(KubeProtoJson.message(value)).isEqualTo(JsonParser.parseString(json));
  }

  static Stream<Arguments> durations() {
    return Stream.of(arguments("zero", 0L, "0s"), arguments("half a second", 500_000_000L, "500ms"),
        arguments("hours", 3_600_000_000_000L, "1h0m0s"), arguments("fractional seconds", 1_500_000_000L, "1.5s"),
        arguments("microseconds", 1_500L, "1.5µs"), arguments("negative", -2_000_000_000L, "-2s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void goDurationStrings(String name, long nanos, String text) {
    assertThat(GoDuration.format(java.time.Duration.ofNanos(nanos))).isEqualTo(text);
  }
}
