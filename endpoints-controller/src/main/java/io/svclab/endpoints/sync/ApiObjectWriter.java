package io.svclab.endpoints.sync;

import com.google.protobuf.Message;
import io.svclab.client.resource.ResourceClient;

/** {@link ObjectWriter} over the apiserver's gRPC API. */
public record ApiObjectWriter<T extends Message>(ResourceClient<T> client) implements ObjectWriter<T> {
  @Override
  public T create(T object) {
    return client.create(object);
  }

  @Override
  public T update(T object) {
    return client.update(object);
  }

  @Override
  public void delete(String namespace, String name) {
    client.delete(namespace, name);
  }
}
