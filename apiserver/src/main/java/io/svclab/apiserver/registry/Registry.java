package io.svclab.apiserver.registry;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Scale;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.ownership.Ownership;
import io.svclab.apiserver.ownership.UpdateManager;
import io.svclab.apiserver.ownership.UpdateOwnership;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.RevisionExpiredException;
import io.svclab.apiserver.store.Snapshot;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.StorageUnavailableException;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.apiserver.strategy.Allocation;
import io.svclab.apiserver.strategy.KindStrategy;
import io.svclab.apiserver.strategy.NamespaceStrategy;
import io.svclab.apiserver.strategy.ScaleSubresource;
import io.svclab.apiserver.strategy.Strategies;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.apiserver.watch.WatchFilter;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.apiserver.watch.Watcher;
import io.svclab.apiserver.selection.FieldSelector;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.selection.LabelSelector;
import io.svclab.client.selection.LabelSelectors;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verbs of every resource over the storage seam, one pipeline for all kinds: decode ->
 * prepare -> defaults -> validate -> allocate -> store (one conditional write) -> the watch
 * cache publishes it. What differs per kind is its {@link KindStrategy}. A failure at any
 * step leaves nothing behind: no stored object and no address or port held.
 */
public final class Registry {
  private static final Logger log = LoggerFactory.getLogger(Registry.class);
  private static final char[] NAME_SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

  private final Storage storage;
  private final WatchCache watchCache;
  private final Strategies strategies;
  private final ServiceAllocator serviceAllocator;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  /** Where a write's allocation is committed or rolled back when that writes to the store ({@link #store}). */
  private final ExecutorService settling = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "write-settle");
    t.setDaemon(true);
    return t;
  });
  private final DecodedObjects decoded = new DecodedObjects();
  private volatile Consumer<String> namespaceTerminating = ns -> { };

  /** Kubernetes' rules for every kind ({@link Strategies#kubernetes}). */
  public Registry(Storage storage, WatchCache watchCache, ServiceAllocator serviceAllocator, Clock clock) {
    this(storage, watchCache, Strategies.kubernetes(serviceAllocator), serviceAllocator, clock);
  }

  public Registry(Storage storage, WatchCache watchCache, Strategies strategies, ServiceAllocator serviceAllocator,
      Clock clock) {
    this.storage = storage;
    this.watchCache = watchCache;
    this.strategies = strategies;
    this.serviceAllocator = serviceAllocator;
    this.clock = clock;
  }

  /** Called with a namespace's name when its deletion starts, so its contents can be removed. */
  public void onNamespaceTerminating(Consumer<String> listener) {
    this.namespaceTerminating = listener;
  }

  public Storage storage() { return storage; }

  public ServiceAllocator serviceAllocator() { return serviceAllocator; }

  // ---------------- reads ----------------

  public <T extends Message> T get(ResourceKind<T> kind, String namespace, String name) {
    return find(kind, namespace, name).orElseThrow(() -> ApiException.notFound(kind.plural(), name));
  }

  public <T extends Message> Optional<T> find(ResourceKind<T> kind, String namespace, String name) {
    return storage.get(Keys.key(kind, ns(kind, namespace), name)).map(kv -> decoded.object(kind, kv));
  }

  public <T extends Message> ListResult<T> list(ResourceKind<T> kind, ListOptions opts) {
    Predicate<Message> filter = filter(kind, opts);
    String prefix = Keys.prefix(kind, opts.namespace());
    String after = opts.continueToken() == null || opts.continueToken().isEmpty() ? "" : ContinueToken.decode(opts.continueToken());
    long revision = storage.revision();
    List<T> items = new ArrayList<>();
    String lastKey = null;
    boolean more = false;
    String cursor = after;
    // page through the store until the limit is met by matching items (filters apply after the read)
    while (true) {
      List<KeyValue> page = storage.list(prefix, cursor, opts.limit() > 0 ? (int) Math.max(opts.limit(), 256) : 0);
      for (KeyValue kv : page) {
        cursor = kv.key();
        T obj = decoded.object(kind, kv);
        if (!filter.test(obj)) {
          continue;
        }
        if (opts.limit() > 0 && items.size() >= opts.limit()) {
          more = true;
          break;
        }
        items.add(obj);
        lastKey = kv.key();
      }
      if (more || opts.limit() <= 0 || page.size() < Math.max(opts.limit(), 256)) {
        break;
      }
    }
    String token = more && lastKey != null ? ContinueToken.encode(revision, lastKey) : "";
    return new ListResult<>(items, revision, token, 0);
  }

  private Predicate<Message> filter(ResourceKind<?> kind, ListOptions opts) {
    LabelSelector labels;
    try {
      labels = LabelSelectors.parse(opts.labelSelector());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    Predicate<Message> fields = FieldSelector.parse(kind, opts.fieldSelector());
    String namespace = opts.namespace();
    @SuppressWarnings({"unchecked", "rawtypes"})
    ResourceKind<Message> k = (ResourceKind) kind;
    return m -> {
      ObjectMeta meta = k.meta(m);
      return (namespace == null || namespace.isEmpty() || !kind.namespaced() || namespace.equals(meta.getNamespace()))
          && labels.matches(meta.getLabelsMap()) && fields.test(m);
    };
  }

  /**
   * Starts a watch. {@code resourceVersion} "" or "0" first replays the current state as
   * ADDED events (Kubernetes' "get state and start at most recent"); a number resumes after it.
   */
  public <T extends Message> Watcher watch(ResourceKind<T> kind, ListOptions opts, String resourceVersion,
      boolean initialEventsEndBookmark, boolean bookmarks, WatchSink sink) {
    Predicate<Message> filter = filter(kind, opts);
    long from;
    if (resourceVersion == null || resourceVersion.isEmpty() || "0".equals(resourceVersion)) {
      Snapshot snap = storage.snapshot(Keys.prefix(kind, opts.namespace()));
      for (KeyValue kv : snap.items()) {
        T obj = decoded.object(kind, kv);
        if (filter.test(obj)) {
          sink.send(io.svclab.api.v1.EventType.ADDED, obj);
        }
      }
      from = snap.revision();
      if (initialEventsEndBookmark) {
        ObjectMeta meta = ObjectMeta.newBuilder().setResourceVersion(Long.toString(from))
            .putAnnotations("k8s.io/initial-events-end", "true").build();
        sink.send(io.svclab.api.v1.EventType.BOOKMARK, kind.withTypeMeta(kind.withMeta(kind.prototype(), meta)));
      }
    } else {
      from = parseVersion(resourceVersion);
    }
    try {
      return watchCache.watch(kind, from, new WatchFilter(filter), sink, bookmarks);
    } catch (RevisionExpiredException e) {
      throw ApiException.expired(e.getMessage());
    }
  }

  static long parseVersion(String rv) {
    try {
      long v = Long.parseLong(rv);
      if (v < 0) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid resource version: " + rv);
    }
  }

  // ---------------- writes ----------------

  public <T extends Message> T create(ResourceKind<T> kind, T input) {
    return create(kind, input, false);
  }

  /**
   * {@code dryRun}: the whole pipeline (defaults, validation, admission, allocation) and the
   * object as it would be stored, but nothing written, no watch event, and every address or port
   * it was given handed back (as Kubernetes' dry run: the ClusterIP shown is not reserved).
   */
  public <T extends Message> T create(ResourceKind<T> kind, T input, boolean dryRun) {
    return create(kind, input, dryRun, null);
  }

  /**
   * {@code manager}: who the write's fields are recorded under in {@code managedFields}
   * ({@link UpdateOwnership}, after the strategy prepared the object, before the registry's
   * own defaults and allocation, where kube-apiserver's field manager sits); null for a write
   * whose owners are decided already (server-side apply) or the apiserver's own writes.
   */
  public <T extends Message> T create(ResourceKind<T> kind, T input, boolean dryRun, UpdateManager manager) {
    return await(createAsync(kind, input, dryRun, manager));
  }

  /**
   * {@link #create(ResourceKind, Message, boolean, UpdateManager)} without holding the caller's
   * thread for the commit: everything before the store write (and any error of it) happens on
   * the calling thread, the answer completes when the write is durable.
   */
  public <T extends Message> CompletableFuture<T> createAsync(ResourceKind<T> kind, T input, boolean dryRun,
      UpdateManager manager) {
    KindStrategy<T> strategy = strategies.forKind(kind);
    ObjectMeta meta = kind.meta(input);
    String namespace = ns(kind, meta.getNamespace());
    String name = meta.getName();
    if (name.isEmpty() && !meta.getGenerateName().isEmpty()) {
      name = meta.getGenerateName() + randomSuffix();
    }
    T obj = kind.withMeta(input, meta.toBuilder().setNamespace(namespace).setName(name).build());
    if (kind.namespaced()) {
      NamespaceStrategy namespaces = strategies.namespaces();
      NamespaceStrategy.admitContent(kind, name, namespace, find(namespaces.kind(), "", namespace));
    }
    obj = strategy.prepareForCreate(obj, clock.instant(), UUID.randomUUID().toString());
    if (manager != null) {
      obj = UpdateOwnership.record(kind, manager, "", clock.instant(), null, meta.getManagedFieldsList(), obj);
    }
    obj = strategy.applyDefaults(obj);
    requireValid(strategy, obj, null, name.isEmpty() ? meta.getGenerateName() : name);
    String key = Keys.key(kind, namespace, name);
    String created = name;
    if (dryRun) {
      if (storage.get(key).isPresent()) {
        throw ApiException.alreadyExists(kind.plural(), created);
      }
      return CompletableFuture.completedFuture(dryRunAllocation(strategy, obj, null));
    }
    return store(strategy, obj, null, stored -> Write.create(key, stored.toByteArray()),
        () -> ApiException.alreadyExists(kind.plural(), created))
        .thenApply(stored -> {
          written(strategy, false, "created {} {}", kind.kind(), kind.key(stored));
          return stored;
        });
  }

  public <T extends Message> T update(ResourceKind<T> kind, T input, boolean statusOnly) {
    return update(kind, input, statusOnly, false);
  }

  /** {@code dryRun} as in {@link #create(ResourceKind, Message, boolean)}. */
  public <T extends Message> T update(ResourceKind<T> kind, T input, boolean statusOnly, boolean dryRun) {
    return update(kind, input, statusOnly, dryRun, null);
  }

  /** {@code manager} as in {@link #create(ResourceKind, Message, boolean, UpdateManager)}. */
  public <T extends Message> T update(ResourceKind<T> kind, T input, boolean statusOnly, boolean dryRun,
      UpdateManager manager) {
    return await(updateAsync(kind, input, statusOnly, dryRun, manager));
  }

  /** The update, answered when its write is durable, as {@link #createAsync} does for a create. */
  public <T extends Message> CompletableFuture<T> updateAsync(ResourceKind<T> kind, T input, boolean statusOnly,
      boolean dryRun, UpdateManager manager) {
    KindStrategy<T> strategy = strategies.forKind(kind);
    ObjectMeta meta = kind.meta(input);
    String namespace = ns(kind, meta.getNamespace());
    String key = Keys.key(kind, namespace, meta.getName());
    KeyValue current = storage.get(key).orElseThrow(() -> ApiException.notFound(kind.plural(), meta.getName()));
    if (!meta.getResourceVersion().isEmpty()
        && parseVersion(meta.getResourceVersion()) != current.modRevision()) {
      throw ApiException.conflict(kind.plural(), meta.getName());
    }
    T old = WatchCache.decode(kind, current);
    ObjectMeta.Builder next = meta.toBuilder().setNamespace(namespace);
    if (manager == null && next.getManagedFieldsCount() == 0) {  // a write that records no owner keeps them
      next.addAllManagedFields(kind.meta(old).getManagedFieldsList());
    }
    T obj = kind.withMeta(input, next.build());
    obj = strategy.prepareForUpdate(obj, old, statusOnly);
    if (manager != null) {
      obj = UpdateOwnership.record(kind, manager, statusOnly ? Ownership.STATUS : "", clock.instant(), old,
          meta.getManagedFieldsList(), obj);
    }
    // an update without a resourceVersion is unconditional (Kubernetes' AllowUnconditionalUpdate)
    obj = kind.withMeta(obj, kind.meta(obj).toBuilder().setResourceVersion(Long.toString(current.modRevision())).build());
    obj = strategy.applyDefaults(obj);
    obj = strategy.bumpGeneration(obj, old);
    requireValid(strategy, obj, old, meta.getName());
    if (normalized(kind, obj).equals(normalized(kind, old))) {
      return CompletableFuture.completedFuture(kind.withTypeMeta(old));  // nothing changed: no write, no new revision (as Kubernetes)
    }
    if (dryRun) {
      return CompletableFuture.completedFuture(
          strategy.readyToRemove(obj) ? kind.withTypeMeta(obj) : dryRunAllocation(strategy, obj, old));
    }
    if (strategy.readyToRemove(obj)) {
      return CompletableFuture.completedFuture(remove(strategy, key, current.modRevision(), obj));
    }
    return store(strategy, obj, old, stored -> Write.update(key, current.modRevision(), stored.toByteArray()),
        () -> ApiException.conflict(kind.plural(), meta.getName()))
        .thenApply(stored -> {
          written(strategy, statusOnly, "updated {}{} {}", kind.kind(), statusOnly ? " status" : "", kind.key(stored));
          return stored;
        });
  }

  /** What {@link #store} would write, taking nothing ({@link KindStrategy#previewAllocation}). */
  private static <T extends Message> T dryRunAllocation(KindStrategy<T> strategy, T obj, T old) {
    return strategy.kind().withTypeMeta(strategy.previewAllocation(obj, old));
  }

  private static <T extends Message> void requireValid(KindStrategy<T> strategy, T obj, T old, String name) {
    List<Violation> errors = strategy.validate(obj, old);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(qualifiedKind(strategy.kind()), name, errors);
    }
  }

  /**
   * Allocates, writes, and then commits the allocation, or rolls it back when the write fails
   * or its precondition does not hold ({@code refused}): the one place an allocation ends.
   * Answers the object as stored, with its new resourceVersion (no second decode of the bytes
   * just written). The answer completes on the store's thread when the allocation has nothing
   * left to do; otherwise (giving values back writes an allocator's range to the store, and
   * the store's thread must never wait on itself) on {@link #settling}.
   */
  private <T extends Message> CompletableFuture<T> store(KindStrategy<T> strategy, T obj, T old,
      Function<T, Write> write, Supplier<ApiException> refused) {
    ResourceKind<T> kind = strategy.kind();
    Allocation<T> allocation = strategy.allocate(obj, old);
    T stored;
    CompletableFuture<WriteResult> commit;
    try {
      stored = normalized(kind, allocation.object());
      commit = storage.write(write.apply(stored));
    } catch (RuntimeException e) {
      allocation.rollback();
      throw e;
    }
    CompletableFuture<T> answer = new CompletableFuture<>();
    commit.whenComplete((r, failure) -> {
      boolean ok = failure == null && r.succeeded();
      if (ok && allocation.commitGivesNothingBack()) {
        allocation.commit();
        answer.complete(withVersion(kind, stored, r.revision()));
        return;
      }
      settling.execute(() -> {
        try {
          if (ok) {
            allocation.commit();
            answer.complete(withVersion(kind, stored, r.revision()));
          } else {
            allocation.rollback();
            answer.completeExceptionally(failure != null ? storeFailure(failure) : refused.get());
          }
        } catch (RuntimeException e) {
          answer.completeExceptionally(e);
        }
      });
    });
    return answer;
  }

  private static <T extends Message> T withVersion(ResourceKind<T> kind, T stored, long revision) {
    return kind.withMeta(stored, kind.meta(stored).toBuilder().setResourceVersion(Long.toString(revision)).build());
  }

  /** The answer of an async write on this thread; its ApiException (or other failure) thrown as is. */
  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  /**
   * One line per write, at INFO only where a learner wants it on the console: routine kinds
   * (Lease renewals and Events, every few seconds, per component) and status writes (each
   * controller and node-agent logs what it did, in its own words) are DEBUG; every request is
   * counted in {@code apiserver_request_total} anyway. {@code ./lab up -v} shows the DEBUG ones.
   */
  private static void written(KindStrategy<?> strategy, boolean statusOnly, String format, Object... args) {
    if (statusOnly || strategy.routineWrites()) {
      log.debug(format, args);
    } else {
      log.info(format, args);
    }
  }

  /** Kubernetes names the kind with its API group in Invalid errors: {@code Deployment.apps "x" is invalid}. */
  static String qualifiedKind(ResourceKind<?> kind) {
    int slash = kind.apiVersion().indexOf('/');
    return slash < 0 ? kind.kind() : kind.kind() + "." + kind.apiVersion().substring(0, slash);
  }

  private String randomSuffix() {
    char[] c = new char[5];
    for (int i = 0; i < c.length; i++) {
      c[i] = NAME_SUFFIX_CHARS[random.nextInt(NAME_SUFFIX_CHARS.length)];
    }
    return new String(c);
  }

  /**
   * Deletes, as the kind's deletion policy says: now, or marked and removed later (finalizers,
   * a pod's grace period, a namespace's contents).
   */
  public <T extends Message> T delete(ResourceKind<T> kind, DeleteRequest req) {
    KindStrategy<T> strategy = strategies.forKind(kind);
    String namespace = ns(kind, req.getNamespace());
    String key = Keys.key(kind, namespace, req.getName());
    for (int attempt = 0; attempt < 5; attempt++) {
      KeyValue current = storage.get(key).orElseThrow(() -> ApiException.notFound(kind.plural(), req.getName()));
      T obj = decoded.object(kind, current);
      ObjectMeta meta = kind.meta(obj);
      checkPreconditions(kind, req, meta);
      Optional<T> marked = strategy.markForDeletion(obj, req, clock.instant());
      if (req.getDryRunList().contains("All")) {
        return kind.withTypeMeta(marked.orElse(obj));
      }
      if (marked.isEmpty()) {
        try {
          return remove(strategy, key, current.modRevision(), obj);
        } catch (ApiException e) {
          if (!"Conflict".equals(e.reason())) {
            throw e;
          }
          continue;
        }
      }
      T next = marked.get();
      if (normalized(kind, next).equals(kind.parse(current.value()))) {
        return obj;
      }
      WriteResult r = commit(Write.update(key, current.modRevision(), normalized(kind, next).toByteArray()));
      if (r.succeeded()) {
        written(strategy, false, "marked {} {} for deletion", kind.kind(), kind.key(next));
        if (strategy.deletionRemovesContents()) {
          namespaceTerminating.accept(req.getName());
        }
        return decoded.object(kind, r.current());
      }
    }
    throw ApiException.conflict(kind.plural(), req.getName());
  }

  /**
   * Kubernetes' DeleteCollection: lists what the options select, then deletes each as
   * {@link #delete} does with {@code template}'s options (one already gone is skipped). Returns
   * what was deleted (or marked for deletion) and the store revision after it.
   */
  public <T extends Message> ListResult<T> deleteCollection(ResourceKind<T> kind, ListOptions opts,
      DeleteRequest template) {
    List<T> deleted = new ArrayList<>();
    for (T item : list(kind, opts).items()) {
      ObjectMeta meta = kind.meta(item);
      try {
        deleted.add(delete(kind, template.toBuilder().setNamespace(meta.getNamespace()).setName(meta.getName())
            .build()));
      } catch (ApiException e) {
        if (!"NotFound".equals(e.reason())) {
          throw e;
        }
      }
    }
    return new ListResult<>(deleted, storage.revision(), "", 0);
  }

  private <T extends Message> void checkPreconditions(ResourceKind<T> kind, DeleteRequest req, ObjectMeta meta) {
    if (!req.hasPreconditions()) {
      return;
    }
    if (req.getPreconditions().hasUid() && !req.getPreconditions().getUid().equals(meta.getUid())) {
      throw ApiException.conflict(kind.plural(), req.getName(), "Precondition failed: UID in precondition: "
          + req.getPreconditions().getUid() + ", UID in object meta: " + meta.getUid());
    }
    if (req.getPreconditions().hasResourceVersion()
        && !req.getPreconditions().getResourceVersion().equals(meta.getResourceVersion())) {
      throw ApiException.conflict(kind.plural(), req.getName(), "Precondition failed: ResourceVersion in precondition: "
          + req.getPreconditions().getResourceVersion() + ", ResourceVersion in object meta: " + meta.getResourceVersion());
    }
  }

  private <T extends Message> T remove(KindStrategy<T> strategy, String key, long modRevision, T last) {
    ResourceKind<T> kind = strategy.kind();
    WriteResult r = commit(Write.delete(key, modRevision));
    if (!r.succeeded()) {
      throw ApiException.conflict(kind.plural(), kind.meta(last).getName());
    }
    strategy.release(last);
    written(strategy, false, "deleted {} {}", kind.kind(), kind.key(last));
    ObjectMeta meta = kind.meta(last).toBuilder().setResourceVersion(Long.toString(r.revision())).build();
    return kind.withTypeMeta(kind.withMeta(last, meta));
  }

  /** Removes a terminating namespace once its contents are gone (the namespace controller's "finalize"). */
  public void finalizeNamespace(String name) {
    String key = Keys.key(strategies.namespaces().kind(), "", name);
    for (int attempt = 0; attempt < 5; attempt++) {
      Optional<KeyValue> current = storage.get(key);
      if (current.isEmpty()) {
        return;
      }
      if (commit(Write.delete(key, current.get().modRevision())).succeeded()) {
        log.info("deleted Namespace {}", name);
        return;
      }
    }
  }

  // ---------------- subresources ----------------

  /** Whether the kind has a {@code /scale} subresource. */
  public boolean hasScale(ResourceKind<?> kind) {
    return strategies.forKind(kind).scale().isPresent();
  }

  public <T extends Message> Scale getScale(ResourceKind<T> kind, String namespace, String name) {
    return scaleOf(kind).scaleOf(get(kind, namespace, name));
  }

  /** Writes the scale's replicas into the object through the main-resource update. */
  public <T extends Message> Scale updateScale(ResourceKind<T> kind, String namespace, String name, Scale scale) {
    ScaleSubresource<T> sub = scaleOf(kind);
    List<Violation> errors = sub.validate(scale);
    if (!errors.isEmpty()) {
      throw ApiException.invalid("Scale", name, errors);
    }
    return sub.scaleOf(update(kind, sub.scaled(get(kind, namespace, name), scale), false));
  }

  private <T extends Message> ScaleSubresource<T> scaleOf(ResourceKind<T> kind) {
    return strategies.forKind(kind).scale()
        .orElseThrow(() -> ApiException.badRequest(kind.plural() + " have no scale subresource"));
  }

  private WriteResult commit(Write w) {
    try {
      return storage.write(w).join();
    } catch (CompletionException e) {
      throw storeFailure(e.getCause() == null ? e : e.getCause());
    }
  }

  /** A failed store write as the API error the client gets. */
  private static ApiException storeFailure(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof ApiException api) {
      return api;
    }
    if (cause instanceof StorageUnavailableException unavailable) {
      return ApiException.unavailable(unavailable.getMessage());
    }
    return ApiException.internal(cause.getMessage());
  }

  private static String ns(ResourceKind<?> kind, String namespace) {
    if (!kind.namespaced()) {
      return "";
    }
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  /**
   * The stored form: apiVersion/kind filled, and no resourceVersion (that is the key's
   * modRevision, set on read), so equal objects compare equal.
   */
  private static <T extends Message> T normalized(ResourceKind<T> kind, T obj) {
    return kind.withTypeMeta(kind.withMeta(obj, kind.meta(obj).toBuilder().clearResourceVersion().build()));
  }
}
