package io.svclab.net.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RangeBitmapTest {
  static RangeBitmap withTaken(int size, int... taken) {
    RangeBitmap b = new RangeBitmap(size);
    for (int t : taken) assertThat(b.take(t)).isTrue();
    return b;
  }

  /** size, taken offsets, cursor, expected next free (-1: full). */
  static Stream<Arguments> nextFree() {
    return Stream.of(
        arguments(named("empty range from 0", withTaken(4)), 0, 0),
        arguments(named("skips taken offsets", withTaken(4, 0, 1)), 0, 2),
        arguments(named("starts at the cursor", withTaken(8)), 5, 5),
        arguments(named("wraps past the end", withTaken(4, 2, 3)), 2, 0),
        arguments(named("cursor beyond the end wraps", withTaken(4)), 6, 2),
        arguments(named("full range", withTaken(3, 0, 1, 2)), 1, -1),
        arguments(named("zero-size range", withTaken(0)), 0, -1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nextFree")
  void nextFreeFromCursor(RangeBitmap bitmap, int cursor, int expected) {
    int used = bitmap.used();
    assertThat(bitmap.nextFree(cursor)).isEqualTo(expected);
    assertThat(bitmap.used()).as("nextFree takes nothing").isEqualTo(used);
    assertThat(bitmap.takeNext(cursor)).isEqualTo(expected);
    assertThat(bitmap.used()).isEqualTo(expected < 0 ? used : used + 1);
  }

  /** offset to take on a range of 4 with offset 1 taken, and whether it is granted. */
  static Stream<Arguments> specificOffsets() {
    return Stream.of(
        arguments(named("free offset", 2), true),
        arguments(named("taken offset", 1), false),
        arguments(named("negative offset", -1), false),
        arguments(named("past the end", 4), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specificOffsets")
  void takesSpecificOffsets(int offset, boolean granted) {
    RangeBitmap b = withTaken(4, 1);
    assertThat(b.take(offset)).isEqualTo(granted);
    assertThat(b.used()).isEqualTo(granted ? 2 : 1);
  }

  /** size, static band, taken beforehand, offsets that random picks may return, in order of preference. */
  static Stream<Arguments> randomPicks() {
    return Stream.of(
        arguments(named("upper band first", 64), 16, List.of(), IntStream.range(16, 64).boxed().toList()),
        arguments(named("static band once the upper band is full", 20), 16,
            IntStream.range(16, 20).boxed().toList(), IntStream.range(0, 16).boxed().toList()),
        arguments(named("band wider than the range: whole range", 8), 16, List.of(), IntStream.range(0, 8).boxed().toList()),
        arguments(named("no band", 8), 0, List.of(0, 1), IntStream.range(2, 8).boxed().toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomPicks")
  void randomPicksAvoidTheStaticBand(int size, int band, List<Integer> taken, List<Integer> allowed) {
    RangeBitmap b = new RangeBitmap(size);
    taken.forEach(b::take);
    Random random = new Random(42);
    List<Integer> picked = new ArrayList<>();
    for (int i = 0; i < allowed.size(); i++) picked.add(b.takeRandom(band, random));
    assertThat(picked).containsExactlyInAnyOrderElementsOf(allowed);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomPicks")
  void randomPicksEndWhenFull(int size, int band, List<Integer> taken, List<Integer> allowed) {
    RangeBitmap b = new RangeBitmap(size);
    Random random = new Random(7);
    for (int i = 0; i < size; i++) assertThat(b.takeRandom(band, random)).isNotNegative();
    assertThat(b.takeRandom(band, random)).isEqualTo(-1);
    assertThat(b.free()).isZero();
  }

  static Stream<Arguments> releases() {
    return Stream.of(
        arguments(named("taken offset is freed", withTaken(4, 1, 2)), 1, 1),
        arguments(named("free offset stays free", withTaken(4, 2)), 1, 1),
        arguments(named("outside the range is ignored", withTaken(4, 2)), 9, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("releases")
  void releases(RangeBitmap bitmap, int offset, int usedAfter) {
    bitmap.release(offset);
    assertThat(bitmap.used()).isEqualTo(usedAfter);
    assertThat(bitmap.isTaken(offset)).isFalse();
  }

  static Stream<Arguments> snapshots() {
    return Stream.of(
        arguments(named("empty", withTaken(10))),
        arguments(named("some taken", withTaken(10, 0, 3, 9))),
        arguments(named("all taken", withTaken(3, 0, 1, 2))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshots")
  void snapshotRestoresTheSameSet(RangeBitmap original) {
    RangeBitmap restored = withTaken(original.size(), 0);
    restored.restore(original.snapshot());
    for (int i = 0; i < original.size(); i++) {
      assertThat(restored.isTaken(i)).as("offset %d", i).isEqualTo(original.isTaken(i));
    }
    assertThat(restored.used()).isEqualTo(original.used());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("snapshots")
  void snapshotOfALargerRangeIsRefused(RangeBitmap ignored) {
    RangeBitmap larger = withTaken(64, 40);
    assertThatThrownBy(() -> new RangeBitmap(10).restore(larger.snapshot()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside a range of 10");
  }
}
