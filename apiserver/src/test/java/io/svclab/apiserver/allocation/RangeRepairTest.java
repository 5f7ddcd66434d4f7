package io.svclab.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.net.allocation.RangeBitmap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' repair decision on a range of 8 values named v0..v7; Services hold "owner=offset" (-1 = outside). */
class RangeRepairTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("held and taken: stays taken, nothing to say", List.of(1, 2), List.of("a=1", "b=2"), Map.of(),
            List.of(1, 2), Map.of(), List.of()),
        arguments("held but not taken (older store, lost write): taken now", List.of(), List.of("a=3"), Map.of(),
            List.of(3), Map.of(), List.of("NOT_ALLOCATED v3 a")),
        arguments("taken by nobody, first repair: kept and flagged", List.of(4), List.of(), Map.of(),
            List.of(4), Map.of(4, 1), List.of("MAY_HAVE_LEAKED v4 ")),
        arguments("taken by nobody, second repair: kept quietly", List.of(4), List.of(), Map.of(4, 1),
            List.of(4), Map.of(4, 0), List.of()),
        arguments("taken by nobody, third repair: freed", List.of(4), List.of(), Map.of(4, 0),
            List.of(), Map.of(), List.of("LEAKED v4 ")),
        arguments("a flagged leak a Service now holds: kept, no longer counted", List.of(4), List.of("late=4"),
            Map.of(4, 0), List.of(4), Map.of(), List.of()),
        arguments("a flagged leak freed elsewhere meanwhile: forgotten", List.of(), List.of(), Map.of(5, 1),
            List.of(), Map.of(), List.of()),
        arguments("two Services on one value: the second is reported", List.of(6), List.of("a=6", "b=6"), Map.of(),
            List.of(6), Map.of(), List.of("DUPLICATE v6 b")),
        arguments("outside the range: reported, nothing taken", List.of(), List.of("a=-1"), Map.of(),
            List.of(), Map.of(), List.of("NOT_IN_RANGE out a")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void repair(String name, List<Integer> stored, List<String> held, Map<Integer, Integer> leaks,
      List<Integer> taken, Map<Integer, Integer> leaksAfter, List<String> notes) {
    RangeBitmap bitmap = new RangeBitmap(8);
    stored.forEach(bitmap::take);
    List<RangeRepair.Held> holders = new ArrayList<>();
    for (String h : held) {
      String[] ownerOffset = h.split("=");
      int offset = Integer.parseInt(ownerOffset[1]);
      holders.add(new RangeRepair.Held(offset < 0 ? "out" : "v" + offset, offset, ownerOffset[0]));
    }
    byte[] before = bitmap.snapshot();

    RangeRepair.Outcome outcome = RangeRepair.repair(bitmap, holders, leaks, offset -> "v" + offset);

    List<Integer> takenAfter = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      if (outcome.taken().isTaken(i)) {
        takenAfter.add(i);
      }
    }
    assertThat(takenAfter).isEqualTo(taken);
    assertThat(new TreeMap<>(outcome.leaks())).isEqualTo(new TreeMap<>(leaksAfter));
    assertThat(outcome.notes()).extracting(n -> n.finding() + " " + n.value() + " " + n.owner()).isEqualTo(notes);
    assertThat(bitmap.snapshot()).as("the stored set is only read").isEqualTo(before);
  }

  @ParameterizedTest(name = "a leak is freed at repair {0}")
  @MethodSource("repairsInARow")
  void aLeakSurvivesTwoRepairsAndIsFreedAtTheThird(int repairs, boolean stillTaken) {
    RangeBitmap stored = new RangeBitmap(8);
    stored.take(7);
    Map<Integer, Integer> leaks = Map.of();
    RangeRepair.Outcome outcome = null;
    for (int i = 0; i < repairs; i++) {
      outcome = RangeRepair.repair(stored, List.of(), leaks, offset -> "v" + offset);
      leaks = outcome.leaks();
      stored = outcome.taken();
    }
    assertThat(outcome.taken().isTaken(7)).isEqualTo(stillTaken);
  }

  static Stream<Arguments> repairsInARow() {
    return Stream.of(arguments(1, true), arguments(2, true), arguments(RangeRepair.REPAIRS_BEFORE_LEAK_CLEANUP, false));
  }
}
