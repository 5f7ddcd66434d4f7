package io.svclab.apiserver.allocation;

import io.svclab.net.allocation.RangeBitmap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Kubernetes' allocator repair (ipallocator/controller/repair.go, portallocator's) as one pure
 * decision: from the stored taken set and the values the stored Services hold, the taken set
 * there should be. Values in use are taken; values taken but held by no Service are leaks,
 * kept while they may still belong to a create between its allocation and its write, and freed
 * once {@value #REPAIRS_BEFORE_LEAK_CLEANUP} repairs in a row found them leaked.
 */
public final class RangeRepair {
  /** Kubernetes' numRepairsBeforeLeakCleanup. */
  public static final int REPAIRS_BEFORE_LEAK_CLEANUP = 3;

  private RangeRepair() {}

  /** One value a Service holds: its offset in the range (-1 = outside it) and whose it is. */
  public record Held(String value, int offset, String owner) {}

  public enum Finding {
    /** In use but not marked taken: now it is. */
    NOT_ALLOCATED,
    /** A second Service holds a value another one already does. */
    DUPLICATE,
    /** Outside the configured range: left alone. */
    NOT_IN_RANGE,
    /** Taken, held by nobody, first seen so: kept for now. */
    MAY_HAVE_LEAKED,
    /** Found leaked often enough: freed. */
    LEAKED
  }

  /** What repair found about one value (owner is empty for leaks). */
  public record Note(Finding finding, String value, String owner) {}

  /**
   * @param taken the rebuilt set to store
   * @param leaks for every value still leaked, how many more repairs keep it before it is freed
   */
  public record Outcome(RangeBitmap taken, Map<Integer, Integer> leaks, List<Note> notes) {}

  /**
   * @param stored what the store marks taken now (not changed)
   * @param held every value the stored Services hold, in list order
   * @param leaks the previous repair's {@link Outcome#leaks()} (empty at the first)
   * @param valueAt the value at an offset, for the notes
   */
  public static Outcome repair(RangeBitmap stored, List<Held> held, Map<Integer, Integer> leaks,
      IntFunction<String> valueAt) {
    RangeBitmap rebuilt = new RangeBitmap(stored.size());
    List<Note> notes = new ArrayList<>();
    for (Held h : held) {
      if (h.offset() < 0) {
        notes.add(new Note(Finding.NOT_IN_RANGE, h.value(), h.owner()));
      } else if (!rebuilt.take(h.offset())) {
        notes.add(new Note(Finding.DUPLICATE, h.value(), h.owner()));
      } else if (!stored.isTaken(h.offset())) {
        notes.add(new Note(Finding.NOT_ALLOCATED, h.value(), h.owner()));
      }
    }
    Map<Integer, Integer> stillLeaked = new HashMap<>();
    for (int offset = 0; offset < stored.size(); offset++) {
      if (!stored.isTaken(offset) || rebuilt.isTaken(offset)) {
        continue;
      }
      int remaining = leaks.getOrDefault(offset, REPAIRS_BEFORE_LEAK_CLEANUP - 1);
      if (remaining > 0) {
        rebuilt.take(offset);
        stillLeaked.put(offset, remaining - 1);
        if (!leaks.containsKey(offset)) {
          notes.add(new Note(Finding.MAY_HAVE_LEAKED, valueAt.apply(offset), ""));
        }
      } else {
        notes.add(new Note(Finding.LEAKED, valueAt.apply(offset), ""));
      }
    }
    return new Outcome(rebuilt, Map.copyOf(stillLeaked), List.copyOf(notes));
  }
}
