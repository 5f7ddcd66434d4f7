package io.svclab.apiserver.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.apiserver.store.SqliteStorage;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.Write;
import io.svclab.net.allocation.RangeBitmap;
import io.svclab.storage.v1.RangeAllocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One range's taken set in the store, shared by two "apiservers" (two StoredRanges on one key). */
class StoredRangeTest {
  private static final String KEY = "/ranges/test";
  @TempDir Path dir;
  private Storage storage;
  private StoredRange first;
  private StoredRange second;

  @BeforeEach
  void open() {
    storage = new SqliteStorage(dir.resolve("state.db"), 1000, null);
    first = new StoredRange(storage, KEY, "0-199", 200);
    second = new StoredRange(storage, KEY, "0-199", 200);
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static RangeChange<Integer> take(int offset) {
    return bitmap -> {
      if (!bitmap.take(offset)) {
        throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED, "provided port is already allocated");
      }
      return offset;
    };
  }

  private static final RangeChange<Integer> TAKE_ANY = bitmap -> {
    int offset = bitmap.takeNext(0);
    if (offset < 0) {
      throw new AllocationException(AllocationException.Reason.RANGE_FULL, "range is full");
    }
    return offset;
  };

  @Test
  void theFirstChangeCreatesTheRecordWithTheRangeAndItsBitmap() throws Exception {
    first.change(take(5));

    RangeAllocation stored = RangeAllocation.parseFrom(storage.get(KEY).orElseThrow().value());
    assertThat(stored.getRange()).isEqualTo("0-199");
    RangeBitmap bitmap = new RangeBitmap(200);
    bitmap.restore(stored.getData().toByteArray());
    assertThat(bitmap.isTaken(5)).isTrue();
    assertThat(bitmap.used()).isEqualTo(1);
  }

  @Test
  void aChangeOnAStaleCopyIsRunAgainOnTheValueThatWon() throws Exception {
    first.change(take(1));   // first now remembers the record without 3
    second.change(take(3));  // another apiserver takes 3

    assertThatThrownBy(() -> first.change(take(3))).isInstanceOf(AllocationException.class)
        .hasMessage("provided port is already allocated");
    second.change(take(0));
    assertThat(first.change(TAKE_ANY)).as("0 looked free on first's copy: re-picked on the fresh value").isEqualTo(2);
  }

  @Test
  void concurrentChangesFromTwoSharersNeverTakeOneValueTwice() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Integer>> taken = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        StoredRange sharer = i % 2 == 0 ? first : second;
        taken.add(pool.submit(() -> sharer.change(TAKE_ANY)));
      }
      Set<Integer> distinct = Collections.synchronizedSet(new HashSet<>());
      for (Future<Integer> f : taken) {
        distinct.add(f.get());
      }
      assertThat(distinct).hasSize(200);
    } finally {
      pool.shutdownNow();
    }
    assertThatThrownBy(() -> second.change(TAKE_ANY)).hasMessage("range is full");
    assertThat(first.read(RangeBitmap::used)).isEqualTo(200);
  }

  @Test
  void aChangeThatTakesOrFreesNothingWritesNothing() throws Exception {
    first.change(take(2));
    long revision = storage.revision();

    first.change(bitmap -> {
      bitmap.release(9);
      return 0;
    });
    assertThatThrownBy(() -> first.change(take(2))).isInstanceOf(AllocationException.class);

    assertThat(storage.revision()).isEqualTo(revision);
  }

  @Test
  void aWriteTheStoreFailsLeavesNothingTaken() throws Exception {
    first.change(take(1));
    storage.close();

    assertThatThrownBy(() -> first.change(take(2))).hasMessageContaining("store is closed");
    assertThat((boolean) first.read(bitmap -> bitmap.isTaken(2))).isFalse();
    assertThat((boolean) first.read(bitmap -> bitmap.isTaken(1))).isTrue();
  }

  @Test
  void aRecordOfAnotherRangeIsRefusedUntilRepairRewritesIt() throws Exception {
    storage.write(Write.create(KEY, RangeAllocation.newBuilder().setRange("0-99").build().toByteArray())).join();

    assertThatThrownBy(() -> first.change(take(1))).isInstanceOf(IllegalStateException.class)
        .hasMessage("the range allocation at /ranges/test is not for 0-199: it holds the range 0-99;"
            + " the allocator repair rewrites it");

    first.reconcile(bitmap -> bitmap.take(7));
    assertThat(second.change(take(8))).isEqualTo(8);
    assertThat((boolean) first.read(bitmap -> bitmap.isTaken(7) && bitmap.isTaken(8))).isTrue();
  }

  @Test
  void aRepairThatRacesAnAllocationRunsAgainOnTheNewValue() throws Exception {
    List<Boolean> sawTakenNine = new ArrayList<>();
    first.reconcile(bitmap -> {
      sawTakenNine.add(bitmap.isTaken(9));
      if (sawTakenNine.size() == 1) {
        second.change(take(9));  // an allocation lands between repair's read and its write
      }
      bitmap.take(4);
      return null;
    });

    assertThat(sawTakenNine).containsExactly(false, true);
    assertThat((boolean) first.read(bitmap -> bitmap.isTaken(9) && bitmap.isTaken(4))).isTrue();
  }
}
