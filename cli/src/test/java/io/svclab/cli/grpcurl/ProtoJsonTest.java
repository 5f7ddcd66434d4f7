package io.svclab.cli.grpcurl;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Preconditions;
import io.svclab.api.v1.ServiceWatchEvent;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** dynamic/json.go and jsonpb rules (see src/test/resources/grpcurl/SOURCES.md). */
class ProtoJsonTest {
  static final Function<String, com.google.protobuf.Descriptors.Descriptor> KNOWS_ERROR_DETAILS = name -> switch (name) {
    case "google.rpc.ErrorInfo" -> ErrorInfo.getDescriptor();
    case "google.rpc.BadRequest" -> BadRequest.getDescriptor();
    default -> null;
  };

  static Stream<Arguments> messages() {
    return Stream.of(
        Arguments.of(Named.of("empty message", ListRequest.getDefaultInstance()), false, "{}"),
        Arguments.of(Named.of("int64 as a string, proto3 zero scalars left out",
            ListRequest.newBuilder().setLimit(500).setNamespace("").build()), false, "{\"limit\":\"500\"}"),
        Arguments.of(Named.of("emit-defaults: every field but unset oneof members; unset message null",
            ServiceWatchEvent.getDefaultInstance()), true, "{\"type\":\"EVENT_TYPE_UNSPECIFIED\",\"object\":null}"),
        Arguments.of(Named.of("proto3 optional set to zero is printed; unset optional is not, even with emit-defaults",
            Preconditions.newBuilder().setUid("").build()), true, "{\"uid\":\"\"}"),
        Arguments.of(Named.of("map keys sorted, Timestamp RFC 3339 with 3 fraction digits",
            ObjectMeta.newBuilder().putLabels("b", "2").putLabels("a", "1")
                .setCreationTimestamp(Timestamp.newBuilder().setSeconds(1).setNanos(500_000_000)).build()), false,
            "{\"creationTimestamp\":\"1970-01-01T00:00:01.500Z\",\"labels\":{\"a\":\"1\",\"b\":\"2\"}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void writesAsDynamicJsonDoes(Message m, boolean emitDefaults, String json) throws Exception {
    var dynamic = com.google.protobuf.DynamicMessage.parseFrom(m.getDescriptorForType(), m.toByteString());
    assertThat(new ProtoJson(emitDefaults, KNOWS_ERROR_DETAILS).compact(dynamic)).isEqualTo(json);
  }

  @Test
  void anyWithAResolvedTypeHasItsKeysSortedWithTypeFirst() {
    Any any = Any.pack(ErrorInfo.newBuilder().setReason("Invalid").setDomain("svclab.io").build());
    assertThat(new ProtoJson(false, KNOWS_ERROR_DETAILS).any(any.getTypeUrl(), any.getValue()))
        .isEqualTo("{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"domain\":\"svclab.io\",\"reason\":\"Invalid\"}");
  }

  @Test
  void anyOfAnUnknownTypeIsGrpcurlsUnknownAny() {
    Any any = Any.pack(ErrorInfo.newBuilder().setReason("R").build());
    assertThat(new ProtoJson(false, name -> null).any(any.getTypeUrl(), any.getValue()))
        .isEqualTo("{\"@error\":\"google.rpc.ErrorInfo is not recognized; see @value for raw binary message data\","
            + "\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"@value\":\"CgFS\"}");
  }

  static Stream<Arguments> floats() {
    return Stream.of(
        Arguments.of(1.0, "1"), Arguments.of(0.5, "0.5"), Arguments.of(123456.0, "123456"),
        Arguments.of(1234567.0, "1.234567e+06"), Arguments.of(0.0001, "0.0001"), Arguments.of(0.00001, "1e-05"),
        Arguments.of(Double.NaN, "\"NaN\""), Arguments.of(Double.NEGATIVE_INFINITY, "\"-Infinity\""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("floats")
  void floatsAsStrconvFormatFloatG(double d, String go) {
    assertThat(ProtoJson.goFloat(d, Double.toString(d))).isEqualTo(go);
  }
}
