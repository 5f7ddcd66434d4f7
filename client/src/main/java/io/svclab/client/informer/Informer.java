package io.svclab.client.informer;

import com.google.protobuf.Message;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * List + watch + local cache for one kind. Lists (paged), then watches from the list's
 * resourceVersion. A broken stream is resumed from the last version seen, after a bounded
 * back-off; OUT_OF_RANGE (the version left the watch window) triggers a relist whose
 * differences against the cache are delivered as synthetic add/update/delete events, so
 * handlers see every change once whatever happened to the connection.
 *
 * <p>All handler calls come from the informer's single thread, in order. Reads
 * ({@link #get}, {@link #list}, {@link #byIndex}) are thread-safe from anywhere.
 */
public final class Informer<T extends Message> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Informer.class);

  private final ResourceClient<T> client;
  private final ResourceKind<T> kind;
  private final InformerOptions options;
  private final ObjectCache<T> cache;
  private final CacheDelta<T> delta;
  private final ReconnectBackoff backoff;
  private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> synced = new CompletableFuture<>();
  private final Object delivery = new Object();
  private final Thread loop;
  private volatile boolean running;
  private volatile WatchStream stream;
  private volatile String lastResourceVersion = "";
  private volatile UnaryOperator<T> transform = UnaryOperator.identity();

  public Informer(ResourceClient<T> client, InformerOptions options) {
    this.client = client;
    this.kind = client.kind();
    this.options = options;
    this.cache = new ObjectCache<>(kind);
    this.delta = new CacheDelta<>(kind);
    this.backoff = new ReconnectBackoff(options.initialBackoff(), options.maxBackoff());
    this.loop = new Thread(this::run, "informer-" + kind.plural());
    this.loop.setDaemon(true);
  }

  /** All objects of the kind in every namespace. */
  public Informer(ResourceClient<T> client) {
    this(client, InformerOptions.all());
  }

  public Informer(Channel channel, ResourceKind<T> kind, InformerOptions options) {
    this(new ResourceClient<>(channel, kind), options);
  }

  public ResourceKind<T> kind() { return kind; }

  /**
   * Registers a handler. Registered after the first sync, it is first told about every
   * cached object as an add, so late handlers start from the same picture.
   */
  public Informer<T> addHandler(ResourceEventHandler<T> handler) {
    synchronized (delivery) {
      handlers.add(handler);
      if (hasSynced()) {
        cache.list().forEach(o -> deliver(handler, ObjectEvent.add(o)));
      }
    }
    return this;
  }

  /**
   * Applied to every listed and watched object before it is cached and delivered (client-go's
   * SetTransform): a reader that needs a few fields keeps only those, so a large cluster costs
   * it less memory. The result must keep the metadata's namespace, name, uid and
   * resourceVersion. Call before {@link #start}.
   */
  public Informer<T> withTransform(UnaryOperator<T> transform) {
    this.transform = transform;
    return this;
  }

  /** Starts listing and watching on the informer's own thread; idempotent. */
  public synchronized Informer<T> start() {
    if (!running && loop.getState() == Thread.State.NEW) {
      running = true;
      loop.start();
    }
    return this;
  }

  public boolean hasSynced() { return synced.isDone(); }

  /** Completes once the first list is in the cache and handlers have been told. */
  public CompletableFuture<Void> synced() { return synced; }

  /** Waits for the first sync; false on timeout. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    try {
      synced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  // ---- reads ----

  public Optional<T> get(String namespace, String name) {
    return cache.get(cache.keyOf(namespace, name));
  }

  /** By cache key: {@code namespace/name}, or {@code name} for cluster-scoped kinds. */
  public Optional<T> getByKey(String key) { return cache.get(key); }

  public List<T> list() { return cache.list(); }

  public List<T> byNamespace(String namespace) { return cache.byIndex(Indexers.NAMESPACE, namespace); }

  /** See {@link Indexers} for the index names and value shapes. */
  public List<T> byIndex(String indexName, String value) { return cache.byIndex(indexName, value); }

  public List<T> byLabel(String key, String value) {
    return cache.byIndex(Indexers.LABEL, Indexers.labelValue(key, value));
  }

  public List<T> byOwner(String ownerUid) { return cache.byIndex(Indexers.OWNER, ownerUid); }

  public String lastResourceVersion() { return lastResourceVersion; }

  // ---- the list + watch loop ----

  private void run() {
    boolean relist = true;
    while (running) {
      try {
        if (relist) {
          listAndReplace();
          relist = false;
        }
        watchUntilBroken();
      } catch (StatusRuntimeException e) {
        if (!running) {
          break;
        }
        if (e.getStatus().getCode() == Status.Code.OUT_OF_RANGE) {
          log.info("{} watch from resourceVersion {} expired ({}), relisting",
              kind.plural(), lastResourceVersion, e.getStatus().getDescription());
          relist = true;
          continue;
        }
        Duration delay = backoff.next();
        log.warn("{} {} failed: {}; retrying in {} ms", kind.plural(), relist ? "list" : "watch",
            io.svclab.client.resource.StatusText.of(e), delay.toMillis());
        if (!sleep(delay)) {
          break;
        }
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        log.error("{} informer loop failed unexpectedly; retrying", kind.plural(), e);
        if (!sleep(backoff.next())) {
          break;
        }
      }
    }
    log.debug("{} informer stopped", kind.plural());
  }

  private void listAndReplace() {
    List<T> items = new ArrayList<>();
    String listVersion = null;
    String continueToken = "";
    do {
      Message page = client.list(ListRequest.newBuilder()
          .setNamespace(options.namespace()).setLabelSelector(options.labelSelector())
          .setFieldSelector(options.fieldSelector()).setLimit(options.pageSize())
          .setContinue(continueToken).build());
      kind.listItems(page).forEach(item -> items.add(transform.apply(item)));
      // Later pages belong to the first page's snapshot; watching from it is always safe.
      if (listVersion == null) {
        listVersion = kind.listMeta(page).getResourceVersion();
      }
      continueToken = kind.listMeta(page).getContinue();
    } while (!continueToken.isEmpty());
    synchronized (delivery) {
      List<ObjectEvent<T>> events = delta.forRelist(cache.snapshot(), items);
      events.forEach(this::applyAndDeliver);
      lastResourceVersion = listVersion;
      log.info("{} listed {} objects at resourceVersion {} ({} changes)",
          kind.plural(), items.size(), listVersion, events.size());
      synced.complete(null);
    }
  }

  private void watchUntilBroken() throws InterruptedException {
    WatchRequest request = WatchRequest.newBuilder()
        .setNamespace(options.namespace()).setLabelSelector(options.labelSelector())
        .setFieldSelector(options.fieldSelector()).setResourceVersion(lastResourceVersion)
        .setAllowBookmarks(true).build();
    boolean received = false;
    try (WatchStream watch = new WatchStream(client, request)) {
      stream = watch;
      if (!running) {
        return;
      }
      while (true) {
        WatchStream.Signal signal = watch.next();
        if (signal instanceof WatchStream.Event e) {
          if (!received) {
            received = true;
            backoff.reset();
          }
          onWatchEvent(e.event());
        } else if (signal instanceof WatchStream.Failed f) {
          throw f.status().asRuntimeException();
        } else {
          log.info("{} watch closed by the server at resourceVersion {}, resuming",
              kind.plural(), lastResourceVersion);
          if (!received && !sleep(backoff.next())) {
            throw new InterruptedException();
          }
          return;
        }
      }
    } finally {
      stream = null;
    }
  }

  private void onWatchEvent(Message event) {
    EventType type = kind.watchEventType(event);
    T object = kind.watchEventObject(event);
    if (type != EventType.BOOKMARK) {
      object = transform.apply(object);
    }
    String rv = kind.meta(object).getResourceVersion();
    synchronized (delivery) {
      if (type != EventType.BOOKMARK) {
        T cached = cache.get(kind.key(object)).orElse(null);
        List<ObjectEvent<T>> events = delta.forWatchEvent(type, object, cached);
        if (events.isEmpty()) {
          log.debug("{} {} {} at {} already seen, ignored", kind.plural(), type, kind.key(object), rv);
        }
        events.forEach(this::applyAndDeliver);
      }
      if (ResourceVersions.isNewer(rv, lastResourceVersion)) {
        lastResourceVersion = rv;
      }
    }
  }

  private void applyAndDeliver(ObjectEvent<T> event) {
    cache.apply(event);
    log.debug("{} {} {} at {}", kind.plural(), event.type(), kind.key(event.object()),
        kind.meta(event.object()).getResourceVersion());
    for (ResourceEventHandler<T> handler : handlers) {
      deliver(handler, event);
    }
  }

  private void deliver(ResourceEventHandler<T> handler, ObjectEvent<T> event) {
    try {
      handler.dispatch(event);
    } catch (RuntimeException e) {
      log.error("{} handler failed on {} {}", kind.plural(), event.type(), kind.key(event.object()), e);
    }
  }

  private boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the loop and cancels the watch; the cache stays readable. */
  public void stop() {
    running = false;
    WatchStream s = stream;
    if (s != null) {
      s.close();
    }
    loop.interrupt();
    try {
      loop.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
