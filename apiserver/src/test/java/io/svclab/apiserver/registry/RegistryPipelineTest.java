package io.svclab.apiserver.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeSpec;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.allocation.ClusterIpAllocator;
import io.svclab.apiserver.allocation.NodePortAllocator;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.RevisionExpiredException;
import io.svclab.apiserver.store.Snapshot;
import io.svclab.apiserver.store.SqliteStorage;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.StorageEvent;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.apiserver.strategy.Allocation;
import io.svclab.apiserver.strategy.DefaultStrategy;
import io.svclab.apiserver.strategy.Strategies;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.apiserver.watch.Watcher;
import io.svclab.client.resource.ResourceKinds;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write pipeline's order and its one rollback, over a fake strategy for Nodes that records
 * each step it is asked for and what its allocation holds.
 */
class RegistryPipelineTest {
  @TempDir Path dir;
  private FaultyStorage storage;
  private WatchCache watchCache;
  private Registry registry;
  private final RecordingStrategy strategy = new RecordingStrategy();

  @BeforeEach
  void start() {
    storage = new FaultyStorage(new SqliteStorage(dir.resolve("state.db"), 1000, null));
    watchCache = new WatchCache(storage, 1000, Keys::kindOf, 600_000);
    ServiceAllocator allocator = new ServiceAllocator(new ClusterIpAllocator("127.96.71.0/24", new Random(1)),
        new NodePortAllocator(30000, 30100, new Random(1)));
    registry = new Registry(storage, watchCache, Strategies.kubernetes(allocator).with(strategy), allocator,
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    watchCache.close();
    storage.close();
  }

  private static Node node(String name) {
    return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(NodeSpec.newBuilder().setPodCidr("127.244.1.0/24")).build();
  }

  private Optional<KeyValue> stored(String name) {
    return storage.get(Keys.key(ResourceKinds.NODES, "", name));
  }

  @Test
  void createRunsEveryStepInOrderAndStoresWhatTheAllocationFilledIn() {
    Node created = registry.create(ResourceKinds.NODES, node("n1"));

    assertThat(strategy.steps).containsExactly("prepareForCreate", "applyDefaults", "validate", "allocate", "commit");
    assertThat(created.getMetadata().getLabelsMap()).containsEntry("allocated", "n1");
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(strategy.held).containsExactly("n1");
  }

  @Test
  void aValidationFailureStoresNothingAndAllocatesNothing() {
    strategy.violations = List.of(new Violation("spec.podCIDR", "spec.podCIDR: Invalid value: \"x\": bad"));

    assertThatThrownBy(() -> registry.create(ResourceKinds.NODES, node("n1")))
        .isInstanceOf(ApiException.class)
        .hasMessage("Node \"n1\" is invalid: spec.podCIDR: Invalid value: \"x\": bad");
    assertThat(strategy.steps).doesNotContain("allocate");
    assertThat(strategy.held).isEmpty();
    assertThat(stored("n1")).isEmpty();
  }

  @Test
  void aFailedStoreWriteRollsTheAllocationBack() {
    storage.failWrites = true;

    assertThatThrownBy(() -> registry.create(ResourceKinds.NODES, node("n1")))
        .isInstanceOf(ApiException.class).hasMessageContaining("Internal error occurred: disk full");
    assertThat(strategy.steps).containsSubsequence("allocate", "rollback").doesNotContain("commit");
    assertThat(strategy.held).isEmpty();
    storage.failWrites = false;
    assertThat(stored("n1")).isEmpty();
  }

  @Test
  void anUnreachableStoreIsServiceUnavailableAndRollsTheAllocationBack() {
    storage.unreachable = true;

    assertThatThrownBy(() -> registry.create(ResourceKinds.NODES, node("n1")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
          assertThat(e.reason()).isEqualTo("ServiceUnavailable");
        })
        .hasMessage("etcd at http://127.0.0.1:2379 is unavailable: UNAVAILABLE: io exception");
    assertThat(strategy.steps).containsSubsequence("allocate", "rollback").doesNotContain("commit");
    assertThat(strategy.held).isEmpty();
    storage.unreachable = false;
    assertThat(stored("n1")).isEmpty();
  }

  @Test
  void aCreateOfAnExistingNameRollsItsAllocationBack() {
    registry.create(ResourceKinds.NODES, node("n1"));
    strategy.steps.clear();

    assertThatThrownBy(() -> registry.create(ResourceKinds.NODES, node("n1")))
        .isInstanceOf(ApiException.class).hasMessage("nodes \"n1\" already exists");
    assertThat(strategy.steps).containsSubsequence("allocate", "rollback").doesNotContain("commit");
    assertThat(strategy.held).containsExactly("n1");
  }

  @Test
  void anUpdateTheStoreRefusesIsAConflictAndRollsItsAllocationBack() {
    registry.create(ResourceKinds.NODES, node("n1"));
    strategy.steps.clear();
    storage.refuseWrites = true;

    Node changed = node("n1").toBuilder().setSpec(NodeSpec.newBuilder().setPodCidr("127.244.2.0/24")).build();
    assertThatThrownBy(() -> registry.update(ResourceKinds.NODES, changed, false))
        .isInstanceOf(ApiException.class)
        .hasMessage("Operation cannot be fulfilled on nodes \"n1\": the object has been modified; "
            + "please apply your changes to the latest version and try again");
    assertThat(strategy.steps).containsExactly("prepareForUpdate", "applyDefaults", "bumpGeneration", "validate",
        "allocate", "rollback");
  }

  @Test
  void anUpdateThatChangesNothingWritesNothingAndAllocatesNothing() {
    Node created = registry.create(ResourceKinds.NODES, node("n1"));
    strategy.steps.clear();
    long revision = storage.revision();

    Node same = registry.update(ResourceKinds.NODES, created, false);

    assertThat(storage.revision()).isEqualTo(revision);
    assertThat(same.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(strategy.steps).doesNotContain("allocate");
  }

  @Test
  void aDeleteReleasesWhatTheRemovedObjectHeld() {
    registry.create(ResourceKinds.NODES, node("n1"));

    registry.delete(ResourceKinds.NODES, DeleteRequest.newBuilder().setName("n1").build());

    assertThat(strategy.steps).endsWith("markForDeletion", "release");
    assertThat(strategy.held).isEmpty();
    assertThat(stored("n1")).isEmpty();
  }

  @Test
  void aDryRunCreateRunsEveryStepButStoresNothingAndGivesTheAllocationBack() {
    long revision = storage.revision();

    Node would = registry.create(ResourceKinds.NODES, node("n1"), true);

    assertThat(strategy.steps).containsExactly("prepareForCreate", "applyDefaults", "validate", "allocate", "rollback");
    assertThat(would.getMetadata().getLabelsMap()).containsEntry("allocated", "n1");
    assertThat(would.getMetadata().getUid()).isNotEmpty();
    assertThat(would.getMetadata().getResourceVersion()).isEmpty();
    assertThat(strategy.held).isEmpty();
    assertThat(stored("n1")).isEmpty();
    assertThat(storage.revision()).isEqualTo(revision);
  }

  @Test
  void aDryRunCreateStillFailsValidationAndNameClashes() {
    registry.create(ResourceKinds.NODES, node("n1"));
    assertThatThrownBy(() -> registry.create(ResourceKinds.NODES, node("n1"), true))
        .isInstanceOf(ApiException.class).hasMessage("nodes \"n1\" already exists");
    strategy.violations = List.of(new Violation("spec.podCIDR", "spec.podCIDR: Invalid value: \"x\": bad"));
    assertThatThrownBy(() -> registry.create(ResourceKinds.NODES, node("n2"), true))
        .isInstanceOf(ApiException.class).hasMessageContaining("is invalid");
  }

  @Test
  void aDryRunUpdateShowsTheChangeAndLeavesTheStoredObject() {
    Node created = registry.create(ResourceKinds.NODES, node("n1"));
    strategy.steps.clear();
    long revision = storage.revision();

    Node changed = node("n1").toBuilder().setSpec(NodeSpec.newBuilder().setPodCidr("127.244.2.0/24")).build();
    Node would = registry.update(ResourceKinds.NODES, changed, false, true);

    assertThat(would.getSpec().getPodCidr()).isEqualTo("127.244.2.0/24");
    assertThat(would.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
    assertThat(strategy.steps).endsWith("validate", "allocate", "rollback");
    assertThat(storage.revision()).isEqualTo(revision);
    assertThat(registry.get(ResourceKinds.NODES, "", "n1").getSpec().getPodCidr()).isEqualTo("127.244.1.0/24");
  }

  @Test
  void aDryRunDeleteRemovesNothingAndReleasesNothing() {
    registry.create(ResourceKinds.NODES, node("n1"));
    long revision = storage.revision();

    Node would = registry.delete(ResourceKinds.NODES, DeleteRequest.newBuilder().setName("n1").addDryRun("All").build());

    assertThat(would.getMetadata().getName()).isEqualTo("n1");
    assertThat(strategy.steps).endsWith("markForDeletion").doesNotContain("release");
    assertThat(strategy.held).containsExactly("n1");
    assertThat(stored("n1")).isPresent();
    assertThat(storage.revision()).isEqualTo(revision);
  }

  @Test
  void aCollectionDeleteRemovesWhatTheSelectorMatchesEachThroughTheDeletePolicy() {
    registry.create(ResourceKinds.NODES, node("a1").toBuilder().setMetadata(node("a1").getMetadata().toBuilder()
        .putLabels("pool", "a")).build());
    registry.create(ResourceKinds.NODES, node("a2").toBuilder().setMetadata(node("a2").getMetadata().toBuilder()
        .putLabels("pool", "a")).build());
    registry.create(ResourceKinds.NODES, node("b1"));

    ListResult<Node> dry = registry.deleteCollection(ResourceKinds.NODES, new ListOptions("", "pool=a", "", 0, ""),
        DeleteRequest.newBuilder().addDryRun("All").build());
    assertThat(dry.items()).extracting(n -> n.getMetadata().getName()).containsExactly("a1", "a2");
    assertThat(stored("a1")).isPresent();

    ListResult<Node> deleted = registry.deleteCollection(ResourceKinds.NODES, new ListOptions("", "pool=a", "", 0, ""),
        DeleteRequest.getDefaultInstance());

    assertThat(deleted.items()).extracting(n -> n.getMetadata().getName()).containsExactly("a1", "a2");
    assertThat(stored("a1")).isEmpty();
    assertThat(stored("a2")).isEmpty();
    assertThat(stored("b1")).isPresent();
    assertThat(strategy.held).containsExactly("b1");
    assertThat(deleted.revision()).isEqualTo(storage.revision());
  }

  @Test
  void eachWriteIsOneWatchEvent() {
    long from = storage.revision();
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    Watcher watcher = registry.watch(ResourceKinds.NODES, new ListOptions("", "", "", 0, ""), Long.toString(from),
        false, false, new RecordingSink(events));
    try {
      registry.create(ResourceKinds.NODES, node("n1"));
      registry.update(ResourceKinds.NODES, node("n1").toBuilder()
          .setSpec(NodeSpec.newBuilder().setPodCidr("127.244.2.0/24")).build(), false);
      registry.create(ResourceKinds.NODES, node("last"));

      await().atMost(Duration.ofSeconds(60)).until(() -> events.contains("ADDED last"));
      // events arrive in revision order, so everything about n1 is in by now
      assertThat(events).containsExactly("ADDED n1", "MODIFIED n1", "ADDED last");
    } finally {
      watcher.stop();
    }
  }

  /** Nodes with rules the test controls: each step recorded, an allocation that holds the node's name. */
  static final class RecordingStrategy extends DefaultStrategy<Node> {
    final List<String> steps = Collections.synchronizedList(new ArrayList<>());
    final List<String> held = Collections.synchronizedList(new ArrayList<>());
    List<Violation> violations = List.of();

    RecordingStrategy() {
      super(ResourceKinds.NODES, false);
    }

    @Override
    public Node prepareForCreate(Node node, Instant now, String uid) {
      steps.add("prepareForCreate");
      return super.prepareForCreate(node, now, uid);
    }

    @Override
    public Node prepareForUpdate(Node updated, Node old, boolean statusOnly) {
      steps.add("prepareForUpdate");
      return super.prepareForUpdate(updated, old, statusOnly);
    }

    @Override
    public Node applyDefaults(Node node) {
      steps.add("applyDefaults");
      return node;
    }

    @Override
    public Node bumpGeneration(Node updated, Node old) {
      steps.add("bumpGeneration");
      return super.bumpGeneration(updated, old);
    }

    @Override
    public List<Violation> validate(Node node, Node old) {
      steps.add("validate");
      return violations;
    }

    @Override
    public Allocation<Node> allocate(Node node, Node old) {
      steps.add("allocate");
      String name = node.getMetadata().getName();
      boolean taken = old == null;
      if (taken) {
        held.add(name);
      }
      Node filled = node.toBuilder().setMetadata(node.getMetadata().toBuilder().putLabels("allocated", name)).build();
      return new Allocation<>() {
        @Override
        public Node object() { return filled; }

        @Override
        public void commit() { steps.add("commit"); }

        @Override
        public void rollback() {
          steps.add("rollback");
          if (taken) {
            held.remove(name);
          }
        }
      };
    }

    @Override
    public void release(Node removed) {
      steps.add("release");
      held.remove(removed.getMetadata().getName());
    }

    @Override
    public Optional<Node> markForDeletion(Node node, DeleteRequest request, Instant now) {
      steps.add("markForDeletion");
      return super.markForDeletion(node, request, now);
    }
  }

  private record RecordingSink(List<String> events) implements WatchSink {
    @Override
    public boolean isReady() { return true; }

    @Override
    public void send(EventType type, Message object) {
      events.add(type + " " + ((Node) object).getMetadata().getName());
    }

    @Override
    public void expired(long requested, long oldest) {
      events.add("EXPIRED");
    }
  }

  /** The store, with writes that fail (an I/O error) or are refused (a failed precondition) on demand. */
  private static final class FaultyStorage implements Storage {
    private final Storage store;
    volatile boolean failWrites;
    volatile boolean unreachable;
    volatile boolean refuseWrites;

    FaultyStorage(Storage store) {
      this.store = store;
    }

    @Override
    public CompletableFuture<WriteResult> write(Write write) {
      if (failWrites) {
        return CompletableFuture.failedFuture(new UncheckedIOException("disk full", new java.io.IOException("disk full")));
      }
      if (unreachable) {
        return CompletableFuture.failedFuture(new io.svclab.apiserver.store.StorageUnavailableException(
            "etcd at http://127.0.0.1:2379 is unavailable: UNAVAILABLE: io exception", null));
      }
      if (refuseWrites) {
        return CompletableFuture.completedFuture(new WriteResult(false, store.revision(), store.get(write.key()).orElse(null)));
      }
      return store.write(write);
    }

    @Override
    public long revision() { return store.revision(); }

    @Override
    public Optional<KeyValue> get(String key) { return store.get(key); }

    @Override
    public List<KeyValue> list(String prefix, String startAfter, int limit) { return store.list(prefix, startAfter, limit); }

    @Override
    public Snapshot snapshot(String prefix) { return store.snapshot(prefix); }

    @Override
    public List<StorageEvent> history(long afterRevision) throws RevisionExpiredException {
      return store.history(afterRevision);
    }

    @Override
    public long oldestResumableRevision() { return store.oldestResumableRevision(); }

    @Override
    public void addListener(Consumer<StorageEvent> listener) { store.addListener(listener); }

    @Override
    public void compact(long revision) { store.compact(revision); }

    @Override
    public void close() { store.close(); }
  }
}
