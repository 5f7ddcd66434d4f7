package io.svclab.workload;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Preconditions;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes of one controller to one kind: every write is one log line naming the object
 * ({@code namespace/name}) and why, and one count in the metrics.
 */
public final class ApiWriter<T extends Message> {
  private static final Logger log = LoggerFactory.getLogger(ApiWriter.class);

  private final ResourceClient<T> client;
  private final ResourceKind<T> kind;
  private final String controller;
  private final WorkloadMetrics metrics;

  public ApiWriter(ResourceClient<T> client, String controller, WorkloadMetrics metrics) {
    this.client = client;
    this.kind = client.kind();
    this.controller = controller;
    this.metrics = metrics;
  }

  public T create(T object, String why) {
    T created = client.create(object);
    done("create", "created", created, why);
    return created;
  }

  public T update(T object, String why) {
    T updated = client.update(object);
    done("update", "updated", updated, why);
    return updated;
  }

  public T updateStatus(T object, String why) {
    T updated = client.updateStatus(object);
    done("update_status", "updated status of", updated, why);
    return updated;
  }

  /** Deletes the object only if it is still the one with {@code uid} (not a namesake created since). */
  public void delete(String namespace, String name, String uid, String why) {
    client.delete(DeleteRequest.newBuilder().setNamespace(namespace).setName(name)
        .setPreconditions(Preconditions.newBuilder().setUid(uid)).build());
    metrics.wrote(controller, "delete", kind.kind());
    log.info("{}: deleted {} {}/{}: {}", controller, kind.kind(), namespace, name, why);
  }

  public T get(String namespace, String name) {
    return client.get(namespace, name);
  }

  private void done(String verb, String past, T object, String why) {
    metrics.wrote(controller, verb, kind.kind());
    if (verb.equals("update_status")) {
      // status bookkeeping (replica counts) follows every pod change: counted above, DEBUG here
      log.debug("{}: {} {} {}: {}", controller, past, kind.kind(), kind.key(object), why);
    } else {
      log.info("{}: {} {} {}: {}", controller, past, kind.kind(), kind.key(object), why);
    }
  }
}
