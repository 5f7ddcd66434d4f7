package io.svclab.cli.manifest;

import com.google.protobuf.Message;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import java.util.Locale;

/**
 * {@code kubectl apply} for one object: create it when absent, otherwise update it from the
 * manifest (carrying the stored resourceVersion), and say which, in kubectl's words.
 */
public final class Applier {
  private final Channel channel;

  public Applier(Channel channel) {
    this.channel = channel;
  }

  /** kubectl's resource name for messages: {@code deployment.apps}, {@code service}. */
  public static String resourceName(ResourceKind<?> kind) {
    String lower = kind.kind().toLowerCase(Locale.ROOT);
    int slash = kind.apiVersion().indexOf('/');
    return slash < 0 ? lower : lower + "." + kind.apiVersion().substring(0, slash);
  }

  /** Returns kubectl's line, e.g. {@code deployment.apps/web created}. */
  public <T extends Message> String apply(ResourceKind<T> kind, Message manifest, String defaultNamespace) {
    @SuppressWarnings("unchecked")
    T obj = (T) manifest;
    ResourceClient<T> client = new ResourceClient<>(channel, kind);
    ObjectMeta meta = kind.meta(obj);
    String namespace = !kind.namespaced() ? "" : meta.getNamespace().isEmpty() ? defaultNamespace : meta.getNamespace();
    obj = kind.withMeta(obj, meta.toBuilder().setNamespace(namespace).build());
    String name = resourceName(kind) + "/" + meta.getName();
    T existing;
    try {
      existing = client.get(namespace, meta.getName());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      client.create(obj);
      return name + " created";
    }
    ObjectMeta stored = kind.meta(existing);
    T next = kind.withMeta(obj, kind.meta(obj).toBuilder().setResourceVersion(stored.getResourceVersion())
        .putAllAnnotations(stored.getAnnotationsMap()).putAllAnnotations(kind.meta(obj).getAnnotationsMap()).build());
    T updated = client.update(next);
    boolean changed = !kind.meta(updated).getResourceVersion().equals(stored.getResourceVersion());
    return name + (changed ? " configured" : " unchanged");
  }
}
