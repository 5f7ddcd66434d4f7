package io.svclab.apiserver.registry;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.RevisionExpiredException;
import io.svclab.apiserver.store.Snapshot;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.apiserver.watch.WatchFilter;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.apiserver.watch.Watcher;
import io.svclab.apiserver.selection.FieldSelector;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.client.selection.LabelSelector;
import io.svclab.client.selection.LabelSelectors;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verbs of every resource over the storage seam: decode -> default -> validate ->
 * allocate -> store (one conditional write) -> the watch cache publishes it. A failure at
 * any step leaves nothing behind: no stored object and no address or port held.
 */
public final class Registry {
  private static final Logger log = LoggerFactory.getLogger(Registry.class);
  private static final char[] NAME_SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

  private final Storage storage;
  private final WatchCache watchCache;
  private final Admission admission;
  private final ServiceAllocator serviceAllocator;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile Consumer<String> namespaceTerminating = ns -> { };

  public Registry(Storage storage, WatchCache watchCache, Admission admission, ServiceAllocator serviceAllocator,
      Clock clock) {
    this.storage = storage;
    this.watchCache = watchCache;
    this.admission = admission;
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
    return storage.get(Keys.key(kind, ns(kind, namespace), name)).map(kv -> decode(kind, kv));
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
        T obj = decode(kind, kv);
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
        T obj = decode(kind, kv);
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
    ObjectMeta meta = kind.meta(input);
    String namespace = kind.namespaced() ? (meta.getNamespace().isEmpty() ? "default" : meta.getNamespace()) : "";
    String name = meta.getName();
    if (name.isEmpty() && !meta.getGenerateName().isEmpty()) {
      name = meta.getGenerateName() + randomSuffix();
    }
    T obj = kind.withMeta(input, meta.toBuilder().setNamespace(namespace).setName(name).build());
    if (kind.namespaced()) {
      requireLiveNamespace(kind, namespace, name);
    }
    obj = ObjectLifecycle.prepareForCreate(kind, obj, clock.instant(), UUID.randomUUID().toString());
    obj = admission.applyDefaults(kind, obj);
    List<Violation> errors = admission.validate(kind, obj, null);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(qualifiedKind(kind), displayName(meta, name), errors);
    }
    ServiceAllocator.Claim claim = null;
    if (kind == ResourceKinds.SERVICES) {
      claim = serviceAllocator.allocate((Service) obj, null);
      @SuppressWarnings("unchecked")
      T allocated = (T) claim.service();
      obj = allocated;
    }
    WriteResult r;
    try {
      r = commit(Write.create(Keys.key(kind, namespace, name), normalized(kind, obj).toByteArray()));
    } catch (RuntimeException e) {
      if (claim != null) {
        claim.rollback();
      }
      throw e;
    }
    if (!r.succeeded()) {
      if (claim != null) {
        claim.rollback();
      }
      throw ApiException.alreadyExists(kind.plural(), name);
    }
    if (claim != null) {
      claim.commit();
    }
    written(kind, false, "created {} {}", kind.kind(), kind.key(obj));
    return decode(kind, r.current());
  }

  /**
   * One line per write, at INFO only where a learner wants it on the console: Lease renewals and
   * Events (every few seconds, per component) and status writes (each controller and node-agent
   * logs what it did, in its own words) are DEBUG; every request is counted in
   * {@code apiserver_request_total} anyway. {@code ./lab up -v} shows the DEBUG ones.
   */
  private static void written(ResourceKind<?> kind, boolean statusOnly, String format, Object... args) {
    if (statusOnly || kind == ResourceKinds.LEASES || kind == ResourceKinds.EVENTS) {
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

  private static String displayName(ObjectMeta meta, String name) {
    return name.isEmpty() ? meta.getGenerateName() : name;
  }

  private void requireLiveNamespace(ResourceKind<?> kind, String namespace, String name) {
    Optional<Namespace> ns = find(ResourceKinds.NAMESPACES, "", namespace);
    if (ns.isEmpty()) {
      throw ApiException.notFound("namespaces", namespace);
    }
    if (ns.get().getMetadata().hasDeletionTimestamp()) {
      throw ApiException.forbidden(kind.plural(), name, "unable to create new content in namespace "
          + namespace + " because it is being terminated");
    }
  }

  private String randomSuffix() {
    char[] c = new char[5];
    for (int i = 0; i < c.length; i++) {
      c[i] = NAME_SUFFIX_CHARS[random.nextInt(NAME_SUFFIX_CHARS.length)];
    }
    return new String(c);
  }

  public <T extends Message> T update(ResourceKind<T> kind, T input, boolean statusOnly) {
    ObjectMeta meta = kind.meta(input);
    String namespace = kind.namespaced() ? (meta.getNamespace().isEmpty() ? "default" : meta.getNamespace()) : "";
    String key = Keys.key(kind, namespace, meta.getName());
    KeyValue current = storage.get(key).orElseThrow(() -> ApiException.notFound(kind.plural(), meta.getName()));
    if (!meta.getResourceVersion().isEmpty()
        && parseVersion(meta.getResourceVersion()) != current.modRevision()) {
      throw ApiException.conflict(kind.plural(), meta.getName());
    }
    T old = WatchCache.decode(kind, current);
    T obj = kind.withMeta(input, meta.toBuilder().setNamespace(namespace).build());
    obj = ObjectLifecycle.prepareForUpdate(kind, obj, old, statusOnly);
    // an update without a resourceVersion is unconditional (Kubernetes' AllowUnconditionalUpdate)
    obj = kind.withMeta(obj, kind.meta(obj).toBuilder().setResourceVersion(Long.toString(current.modRevision())).build());
    if (kind == ResourceKinds.SERVICES && !statusOnly) {
      @SuppressWarnings("unchecked")
      T carried = (T) ServiceAllocator.carryOver((Service) obj, (Service) old);
      obj = carried;
    }
    obj = admission.applyDefaults(kind, obj);
    obj = ObjectLifecycle.bumpGeneration(kind, obj, old);
    List<Violation> errors = admission.validate(kind, obj, old);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(qualifiedKind(kind), meta.getName(), errors);
    }
    if (normalized(kind, obj).equals(normalized(kind, old))) {
      return decode(kind, current);  // nothing changed: no write, no new revision (as Kubernetes)
    }
    if (ObjectLifecycle.readyToRemove(kind, obj)) {
      return remove(kind, key, current.modRevision(), obj);
    }
    ServiceAllocator.Claim claim = null;
    if (kind == ResourceKinds.SERVICES) {
      claim = serviceAllocator.allocate((Service) obj, (Service) old);
      @SuppressWarnings("unchecked")
      T allocated = (T) claim.service();
      obj = allocated;
    }
    WriteResult r;
    try {
      r = commit(Write.update(key, current.modRevision(), normalized(kind, obj).toByteArray()));
    } catch (RuntimeException e) {
      if (claim != null) {
        claim.rollback();
      }
      throw e;
    }
    if (!r.succeeded()) {
      if (claim != null) {
        claim.rollback();
      }
      throw ApiException.conflict(kind.plural(), meta.getName());
    }
    if (claim != null) {
      claim.commit();
    }
    written(kind, statusOnly, "updated {}{} {}", kind.kind(), statusOnly ? " status" : "", kind.key(obj));
    return decode(kind, r.current());
  }

  /**
   * Deletes, honouring finalizers (the object is only marked) and pod grace periods (a bound
   * pod is marked terminating and goes when its kubelet deletes it with grace 0).
   */
  public <T extends Message> T delete(ResourceKind<T> kind, DeleteRequest req) {
    String namespace = ns(kind, req.getNamespace());
    String key = Keys.key(kind, namespace, req.getName());
    for (int attempt = 0; attempt < 5; attempt++) {
      KeyValue current = storage.get(key).orElseThrow(() -> ApiException.notFound(kind.plural(), req.getName()));
      T obj = decode(kind, current);
      ObjectMeta meta = kind.meta(obj);
      checkPreconditions(kind, req, meta);
      Optional<T> marked = markForDeletion(kind, obj, req);
      if (marked.isEmpty()) {
        try {
          return remove(kind, key, current.modRevision(), obj);
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
        written(kind, false, "marked {} {} for deletion", kind.kind(), kind.key(next));
        if (kind == ResourceKinds.NAMESPACES) {
          namespaceTerminating.accept(req.getName());
        }
        return decode(kind, r.current());
      }
    }
    throw ApiException.conflict(kind.plural(), req.getName());
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

  /** The marked object when deletion must wait (finalizers, pod grace), empty when it can go now. */
  @SuppressWarnings("unchecked")
  private <T extends Message> Optional<T> markForDeletion(ResourceKind<T> kind, T obj, DeleteRequest req) {
    ObjectMeta meta = kind.meta(obj);
    Instant now = clock.instant();
    if (kind == ResourceKinds.PODS) {
      Pod pod = (Pod) obj;
      long grace = req.hasGracePeriodSeconds() ? req.getGracePeriodSeconds()
          : pod.getSpec().hasTerminationGracePeriodSeconds() ? pod.getSpec().getTerminationGracePeriodSeconds() : 30;
      boolean terminal = "Succeeded".equals(pod.getStatus().getPhase()) || "Failed".equals(pod.getStatus().getPhase());
      if (pod.getSpec().getNodeName().isEmpty() || terminal) {
        grace = 0;  // nothing runs it: no one to wait for
      }
      if (meta.hasDeletionTimestamp() && meta.getDeletionGracePeriodSeconds() <= grace) {
        grace = meta.getDeletionGracePeriodSeconds();  // grace can only shorten
      }
      if (grace > 0 || meta.getFinalizersCount() > 0) {
        ObjectMeta.Builder m = meta.toBuilder().setDeletionGracePeriodSeconds(grace);
        if (!meta.hasDeletionTimestamp() || grace < meta.getDeletionGracePeriodSeconds()) {
          m.setDeletionTimestamp(ObjectLifecycle.timestamp(now.plusSeconds(grace)));
        }
        return Optional.of(kind.withMeta(obj, m.build()));
      }
      return Optional.empty();
    }
    if (kind == ResourceKinds.NAMESPACES) {
      // a namespace always goes through Terminating: its contents are deleted first, then the cleaner removes it
      Namespace.Builder b = ((Namespace) obj).toBuilder();
      if (!meta.hasDeletionTimestamp()) {
        b.setMetadata(meta.toBuilder().setDeletionTimestamp(ObjectLifecycle.timestamp(now)).setDeletionGracePeriodSeconds(0));
      }
      b.getStatusBuilder().setPhase("Terminating");
      return Optional.of((T) b.build());
    }
    if (meta.getFinalizersCount() > 0) {
      if (meta.hasDeletionTimestamp()) {
        return Optional.of(obj);
      }
      return Optional.of(kind.withMeta(obj, meta.toBuilder()
          .setDeletionTimestamp(ObjectLifecycle.timestamp(now)).setDeletionGracePeriodSeconds(0).build()));
    }
    return Optional.empty();
  }

  private <T extends Message> T remove(ResourceKind<T> kind, String key, long modRevision, T last) {
    WriteResult r = commit(Write.delete(key, modRevision));
    if (!r.succeeded()) {
      throw ApiException.conflict(kind.plural(), kind.meta(last).getName());
    }
    if (kind == ResourceKinds.SERVICES) {
      serviceAllocator.release((Service) last);
    }
    written(kind, false, "deleted {} {}", kind.kind(), kind.key(last));
    ObjectMeta meta = kind.meta(last).toBuilder().setResourceVersion(Long.toString(r.revision())).build();
    return kind.withTypeMeta(kind.withMeta(last, meta));
  }

  /** Removes a terminating namespace once its contents are gone (the namespace controller's "finalize"). */
  public void finalizeNamespace(String name) {
    String key = Keys.key(ResourceKinds.NAMESPACES, "", name);
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

  private WriteResult commit(Write w) {
    try {
      return storage.write(w).join();
    } catch (CompletionException e) {
      throw ApiException.internal(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  private static String ns(ResourceKind<?> kind, String namespace) {
    if (!kind.namespaced()) {
      return "";
    }
    return namespace == null || namespace.isEmpty() ? "default" : namespace;
  }

  private static <T extends Message> T decode(ResourceKind<T> kind, KeyValue kv) {
    return kind.withTypeMeta(WatchCache.decode(kind, kv));
  }

  /**
   * The stored form: apiVersion/kind filled, and no resourceVersion (that is the key's
   * modRevision, set on read), so equal objects compare equal.
   */
  private static <T extends Message> T normalized(ResourceKind<T> kind, T obj) {
    return kind.withTypeMeta(kind.withMeta(obj, kind.meta(obj).toBuilder().clearResourceVersion().build()));
  }
}
