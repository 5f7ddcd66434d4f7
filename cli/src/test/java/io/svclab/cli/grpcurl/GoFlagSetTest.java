package io.svclab.cli.grpcurl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go's flag package rules (flag.go parseOne), as grpcurl's command line meets them. */
class GoFlagSetTest {
  record Case(List<String> argv, String stopMessage, Integer stopExit, String flagsSeen, List<String> rest) {}

  static Case parsed(List<String> argv, String flagsSeen, List<String> rest) {
    return new Case(argv, null, null, flagsSeen, rest);
  }

  static Case stopped(List<String> argv, String message, int exit) {
    return new Case(argv, message, exit, null, null);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Named.of("one dash and two dashes mean the same", parsed(
            List.of("-plaintext", "--max-time", "2.5", "a:1", "list"), "{plaintext=[true], max-time=[2.5]}",
            List.of("a:1", "list")))),
        Arguments.of(Named.of("-name=value and repeated -H", parsed(
            List.of("-d={}", "-H", "a: 1", "-H=b: 2", "addr", "S/M"), "{d=[{}], H=[a: 1, b: 2]}", List.of("addr", "S/M")))),
        Arguments.of(Named.of("flags stop at the first word: later dashes are words", parsed(
            List.of("addr", "-plaintext", "list"), "{}", List.of("addr", "-plaintext", "list")))),
        Arguments.of(Named.of("-- ends the flags", parsed(List.of("--", "-x"), "{}", List.of("-x")))),
        Arguments.of(Named.of("a lone dash is a word", parsed(List.of("-", "list"), "{}", List.of("-", "list")))),
        Arguments.of(Named.of("booleans take =false, never the next word", parsed(
            List.of("-plaintext=false", "-v", "true"), "{plaintext=[false], v=[true]}", List.of("true")))),
        Arguments.of(Named.of("unknown flag", stopped(List.of("-foo", "addr"), "flag provided but not defined: -foo", 2))),
        Arguments.of(Named.of("unknown flag with two dashes is named with one",
            stopped(List.of("--foo=1"), "flag provided but not defined: -foo", 2))),
        Arguments.of(Named.of("-h is Go's built-in help: usage, exit 0", stopped(List.of("-h"), null, 0))),
        Arguments.of(Named.of("missing value", stopped(List.of("-d"), "flag needs an argument: -d", 2))),
        Arguments.of(Named.of("bad float", stopped(List.of("-max-time", "soon"),
            "invalid value \"soon\" for flag -max-time: parse error", 2))),
        Arguments.of(Named.of("bad boolean", stopped(List.of("-plaintext=yes"),
            "invalid boolean value \"yes\" for -plaintext: parse error", 2))),
        Arguments.of(Named.of("three dashes", stopped(List.of("---v"), "bad flag syntax: ---v", 2))),
        Arguments.of(Named.of("dash equals", stopped(List.of("-=v"), "bad flag syntax: -=v", 2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsesAsGoDoes(Case c) {
    GoFlagSet.Outcome o = GrpcurlFlags.define().parse(c.argv());
    if (c.stopExit() != null) {
      assertThat(o.stop()).isNotNull();
      assertThat(o.stop().message()).isEqualTo(c.stopMessage());
      assertThat(o.stop().exitCode()).isEqualTo(c.stopExit());
    } else {
      assertThat(o.stop()).isNull();
      assertThat(o.parsed().values()).hasToString(c.flagsSeen());
      assertThat(o.parsed().args()).isEqualTo(c.rest());
    }
  }

  @org.junit.jupiter.api.Test
  void printDefaultsPutsOneLetterBooleansOnTheirLineAndNamesTheTypes() {
    String d = new GoFlagSet()
        .define("v", GoFlagSet.Kind.BOOL, "Verbose.", "")
        .define("format", GoFlagSet.Kind.STRING, "Format.\nSecond line.", "json")
        .define("H", GoFlagSet.Kind.LIST, "Header.", "")
        .define("max-time", GoFlagSet.Kind.FLOAT, "Seconds.", "")
        .defaults();
    assertThat(d).isEqualTo("  -H value\n    \tHeader.\n  -format string\n    \tFormat.\n    \tSecond line. (default \"json\")\n"
        + "  -max-time float\n    \tSeconds.\n  -v\tVerbose.\n");
  }
}
