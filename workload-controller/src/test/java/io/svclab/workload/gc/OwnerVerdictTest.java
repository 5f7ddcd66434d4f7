package io.svclab.workload.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.OwnerReference;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OwnerVerdictTest {
  static OwnerReference owner(String uid) {
    return OwnerReference.newBuilder().setKind("ReplicaSet").setName(uid).setUid(uid).setController(true).build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("owner alive: keep", List.of(owner("a")), Set.of(), new OwnerVerdict.Keep()),
        Arguments.of("no owners: keep", List.of(), Set.of(), new OwnerVerdict.Keep()),
        Arguments.of("only owner gone: delete", List.of(owner("a")), Set.of("a"), new OwnerVerdict.Delete(List.of(owner("a")))),
        Arguments.of("one of two owners gone: drop its reference", List.of(owner("a"), owner("b")), Set.of("b"),
            new OwnerVerdict.DropReferences(List.of(owner("b")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, List<OwnerReference> owners, Set<String> gone, OwnerVerdict expected) {
    assertThat(OwnerVerdict.decide(owners, gone)).isEqualTo(expected);
  }
}
