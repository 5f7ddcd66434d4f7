package io.svclab.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Endpoint;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** field.Error rendering: which types show the bad value, and how Go prints each value. */
class FieldErrorTest {
  private static final FieldPath F = FieldPath.of("spec", "ports").index(0).child("name");

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("Invalid with an int", FieldError.invalid(F, 80, "d"), "spec.ports[0].name: Invalid value: 80: d"),
        arguments("Invalid with a string, Go-quoted", FieldError.invalid(F, "a\"b\\c\n", "d"), "spec.ports[0].name: Invalid value: \"a\\\"b\\\\c\\n\": d"),
        arguments("Required hides the value", FieldError.required(F, ""), "spec.ports[0].name: Required value"),
        arguments("Required with detail", FieldError.required(F, "why"), "spec.ports[0].name: Required value: why"),
        arguments("Forbidden", FieldError.forbidden(F, "no"), "spec.ports[0].name: Forbidden: no"),
        arguments("Duplicate", FieldError.duplicate(F, "http"), "spec.ports[0].name: Duplicate value: \"http\""),
        arguments("NotSupported", FieldError.notSupported(F, "x", List.of("A", "B")), "spec.ports[0].name: Unsupported value: \"x\": supported values: \"A\", \"B\""),
        arguments("NotFound", FieldError.notFound(F, BadValue.of("v")), "spec.ports[0].name: Not found: \"v\""),
        arguments("TooLong", FieldError.tooLong(F, 10), "spec.ports[0].name: Too long: must have at most 10 bytes"),
        arguments("TooMany", FieldError.tooMany(F, 5, 4), "spec.ports[0].name: Too many: 5: must have at most 4 items"),
        arguments("string slice in Go syntax", FieldError.invalid(F, BadValue.stringSlice(List.of("a", "b")), "d"),
            "spec.ports[0].name: Invalid value: []string{\"a\", \"b\"}: d"),
        arguments("map in Go syntax, keys sorted", FieldError.invalid(F, BadValue.stringMap(Map.of("z", "1", "a", "2")), "d"),
            "spec.ports[0].name: Invalid value: map[string]string{\"a\":\"2\", \"z\":\"1\"}: d"),
        arguments("map key path", FieldError.invalid(FieldPath.of("metadata", "annotations").key("a/b"), "v", "d"),
            "metadata.annotations[a/b]: Invalid value: \"v\": d"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void renders(String name, FieldError error, String expected) {
    assertThat(error.render()).isEqualTo(expected);
  }

  @Test
  void repeatedMessagesAppearOnce() {
    FieldError e = FieldError.required(F, "");
    assertThat(InvalidObjectMessage.render("Service", "web", List.of(e, e))).isEqualTo("Service \"web\" is invalid: spec.ports[0].name: Required value");
  }

  @Test
  void tooManyEndpointsInOneSlice() {
    EndpointSlice.Builder slice = EndpointSlice.newBuilder().setAddressType("IPv4");
    slice.getMetadataBuilder().setName("web-abc").setNamespace("default");
    for (int i = 0; i < 1001; i++) {
      slice.addEndpoints(Endpoint.newBuilder().addAddresses("10.0." + (i / 250) + "." + (i % 250 + 1)));
    }
    List<FieldError> errs = ApiObjects.createErrors(ResourceKinds.ENDPOINT_SLICES, slice.build());
    assertThat(InvalidObjectMessage.render(ResourceKinds.ENDPOINT_SLICES, "web-abc", errs))
        .isEqualTo("EndpointSlice.discovery.k8s.io \"web-abc\" is invalid: endpoints: Too many: 1001: must have at most 1000 items");
  }
}
