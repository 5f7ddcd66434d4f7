package io.svclab.apiserver.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Storage} must have; each implementation runs this suite by
 * extending it, so the etcd implementation is held to the same contract as SQLite.
 */
abstract class StorageContractTest {
  @TempDir Path dir;
  Storage store;

  /** Opens (or reopens) a store on the same directory with a history window of {@code window}. */
  abstract Storage open(Path dir, int window);

  @BeforeEach
  void start() {
    store = open(dir, 100);
  }

  @AfterEach
  void stop() {
    store.close();
  }

  static byte[] v(String s) {
    return s.getBytes(UTF_8);
  }

  WriteResult put(Write w) {
    return store.write(w).join();
  }

  @Test
  void createThenGetReturnsTheValueWithItsRevisions() {
    WriteResult r = put(Write.create("/services/default/web", v("a")));
    assertThat(r.succeeded()).isTrue();
    KeyValue kv = store.get("/services/default/web").orElseThrow();
    assertThat(kv.value()).isEqualTo(v("a"));
    assertThat(kv.createRevision()).isEqualTo(r.revision());
    assertThat(kv.modRevision()).isEqualTo(r.revision());
  }

  @Test
  void createOfAnExistingKeyFailsAndReportsWhatIsThere() {
    put(Write.create("/k", v("a")));
    WriteResult r = put(Write.create("/k", v("b")));
    assertThat(r.succeeded()).isFalse();
    assertThat(r.current().value()).isEqualTo(v("a"));
  }

  @Test
  void updateWithStaleRevisionFailsAndChangesNothing() {
    long first = put(Write.create("/k", v("a"))).revision();
    long second = put(Write.update("/k", first, v("b"))).revision();
    WriteResult stale = put(Write.update("/k", first, v("c")));
    assertThat(stale.succeeded()).isFalse();
    assertThat(store.get("/k").orElseThrow().value()).isEqualTo(v("b"));
    assertThat(store.get("/k").orElseThrow().modRevision()).isEqualTo(second);
    assertThat(store.get("/k").orElseThrow().createRevision()).isEqualTo(first);
  }

  @Test
  void everyWriteGetsItsOwnRevisionGreaterThanEveryAcknowledgedOne() {
    List<CompletableFuture<WriteResult>> fs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      fs.add(store.write(Write.create("/k/" + i, v("x"))));
    }
    List<Long> revs = fs.stream().map(f -> f.join().revision()).toList();
    assertThat(revs).doesNotHaveDuplicates();
    long newest = Collections.max(revs);
    assertThat(store.revision()).isEqualTo(newest);
    long previous = newest;
    for (int i = 0; i < 20; i++) {
      long next = put(Write.create("/j/" + i, v("x"))).revision();
      assertThat(next).isGreaterThan(previous);
      previous = next;
    }
  }

  @Test
  void deleteRemovesAndDeleteOfMissingFails() {
    long rev = put(Write.create("/k", v("a"))).revision();
    assertThat(put(Write.delete("/k", rev)).succeeded()).isTrue();
    assertThat(store.get("/k")).isEmpty();
    assertThat(put(Write.delete("/k", Write.ANY)).succeeded()).isFalse();
  }

  @Test
  void listIsKeyOrderedPrefixScopedAndPages() {
    for (String k : List.of("/pods/b/2", "/pods/a/1", "/pods/b/1", "/podsx/a", "/services/a/1")) {
      put(Write.create(k, v(k)));
    }
    assertThat(store.list("/pods/", "", 0)).extracting(KeyValue::key)
        .containsExactly("/pods/a/1", "/pods/b/1", "/pods/b/2");
    assertThat(store.list("/pods/", "", 2)).extracting(KeyValue::key).containsExactly("/pods/a/1", "/pods/b/1");
    assertThat(store.list("/pods/", "/pods/b/1", 2)).extracting(KeyValue::key).containsExactly("/pods/b/2");
  }

  @Test
  void historyReplaysExactlyTheChangesAfterARevisionInOrder() throws Exception {
    long r1 = put(Write.create("/k", v("a"))).revision();
    long r2 = put(Write.update("/k", r1, v("b"))).revision();
    long r3 = put(Write.delete("/k", r2)).revision();
    List<StorageEvent> after = store.history(r1);
    assertThat(after).extracting(StorageEvent::revision).containsExactly(r2, r3);
    assertThat(after.get(0).previousValue()).isEqualTo(v("a"));
    assertThat(after.get(1).isDelete()).isTrue();
    assertThat(after.get(1).previousValue()).isEqualTo(v("b"));
  }

  @Test
  void historyOlderThanTheWindowIsExpired() {
    for (int i = 0; i < 150; i++) {
      put(Write.create("/k/" + i, v("x")));
    }
    assertThatThrownBy(() -> store.history(10)).isInstanceOf(RevisionExpiredException.class)
        .hasMessageStartingWith("too old resource version: 10");
  }

  @Test
  void readsAfterTheAckShowTheWriteAndListenersSeeEveryChangeOnceInOrder() throws Exception {
    List<Long> seen = Collections.synchronizedList(new ArrayList<>());
    store.addListener(e -> seen.add(e.revision()));
    long first = store.revision();
    long last = 0;
    for (int i = 0; i < 50; i++) {
      last = put(Write.create("/k/" + i, v("x"))).revision();
      assertThat(store.get("/k/" + i)).as("get after the ack").map(KeyValue::modRevision).contains(last);
      long updated = put(Write.update("/k/" + i, last, v("y"))).revision();
      assertThat(store.get("/k/" + i)).as("get after an update's ack").map(KeyValue::modRevision).contains(updated);
      last = updated;
      assertThat(store.list("/k/", "", 0)).as("list after the ack").hasSize(i + 1);
      assertThat(store.revision()).as("revision after the ack").isGreaterThanOrEqualTo(last);
      assertThat(store.snapshot("/k/").items()).as("snapshot after the ack").hasSize(i + 1);
      assertThat(store.history(first)).as("history after the ack").hasSize(2 * (i + 1));
    }
    long lastWrite = last;
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> seen.contains(lastWrite));
    assertThat(seen).hasSize(100).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void acknowledgedWritesSurviveReopenWithTheirRevisions() {
    long r1 = put(Write.create("/k", v("a"))).revision();
    long r2 = put(Write.update("/k", r1, v("b"))).revision();
    store.close();
    store = open(dir, 100);
    assertThat(store.revision()).isGreaterThanOrEqualTo(r2);
    KeyValue kv = store.get("/k").orElseThrow();
    assertThat(kv.value()).isEqualTo(v("b"));
    assertThat(kv.createRevision()).isEqualTo(r1);
    assertThat(kv.modRevision()).isEqualTo(r2);
    assertThat(put(Write.create("/j", v("c"))).revision()).isGreaterThan(r2);
  }

  @Test
  void historyFromAnyRetainedRevisionReplaysTheRest() throws Exception {
    List<Long> revs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      revs.add(put(Write.create("/k/" + i, v("x"))).revision());
    }
    for (int i = 0; i < revs.size(); i++) {
      assertThat(store.history(revs.get(i))).extracting(StorageEvent::revision)
          .containsExactlyElementsOf(revs.subList(i + 1, revs.size()));
    }
  }

  @Test
  void compactionExpiresTheHistoryBeforeItAndKeepsTheRest() throws Exception {
    List<Long> revs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      revs.add(put(Write.create("/k/" + i, v("x"))).revision());
    }
    store.compact(revs.get(3));
    assertThatThrownBy(() -> store.history(revs.get(1))).isInstanceOf(RevisionExpiredException.class)
        .hasMessageStartingWith("too old resource version: " + revs.get(1));
    assertThat(store.history(revs.get(3) - 1)).extracting(StorageEvent::revision)
        .containsExactlyElementsOf(revs.subList(3, 6));
    assertThat(store.list("/k/", "", 0)).hasSize(6);
  }

  @Test
  void snapshotIsConsistentWithItsRevision() {
    put(Write.create("/a/1", v("1")));
    long r = put(Write.create("/a/2", v("2"))).revision();
    Snapshot s = store.snapshot("/a/");
    assertThat(s.revision()).isEqualTo(r);
    assertThat(s.items()).hasSize(2);
  }
}
