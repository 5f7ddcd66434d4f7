package io.svclab.cli.grpcurl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's json.Indent(dst, src, "", "  ") and json.Marshal(string), which shape grpcurl's JSON. */
class GoJsonTest {
  static Stream<Arguments> indents() {
    return Stream.of(
        Arguments.of(Named.of("empty object stays on one line", "{}"), "{}"),
        Arguments.of(Named.of("empty array and object inside", "{\"a\":[],\"b\":{}}"), "{\n  \"a\": [],\n  \"b\": {}\n}"),
        Arguments.of(Named.of("nesting and arrays", "{\"a\":[1,{\"b\":\"x\"}]}"),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x\"\n    }\n  ]\n}"),
        Arguments.of(Named.of("brackets, commas and colons inside strings untouched", "{\"a\":\"{[:,]} \\\" \"}"),
            "{\n  \"a\": \"{[:,]} \\\" \"\n}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indents")
  void indentsAsGoDoes(String compact, String indented) {
    assertThat(GoJson.indent(compact)).isEqualTo(indented);
  }

  static Stream<Arguments> quotes() {
    return Stream.of(
        Arguments.of(Named.of("HTML-safe: < > & escaped", "a<b>&c"), "\"a\\u003cb\\u003e\\u0026c\""),
        Arguments.of(Named.of("= and ' stay (unlike protobuf-java's JsonFormat)", "app=web's"), "\"app=web's\""),
        Arguments.of(Named.of("control characters", "\n\t\r\u0001"), "\"\\n\\t\\r\\u0001\""),
        Arguments.of(Named.of("line and paragraph separators", "\u2028\u2029"), "\"\\u2028\\u2029\""),
        Arguments.of(Named.of("non-ASCII kept", "héllo ☃"), "\"héllo ☃\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("quotes")
  void quotesAsGoDoes(String s, String quoted) {
    assertThat(GoJson.quote(s)).isEqualTo(quoted);
  }
}
