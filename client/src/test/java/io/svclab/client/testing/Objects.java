package io.svclab.client.testing;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Service;

/** Small Service objects for tests: only metadata matters to the client library. */
public final class Objects {
  private Objects() {}

  public static Service svc(String name, String uid, long rv) {
    return svc("default", name, uid, rv);
  }

  public static Service svc(String namespace, String name, String uid, long rv) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder()
        .setNamespace(namespace).setName(name).setUid(uid).setResourceVersion(Long.toString(rv))).build();
  }

  public static Service labeled(Service s, String key, String value) {
    return s.toBuilder().setMetadata(s.getMetadata().toBuilder().putLabels(key, value)).build();
  }

  public static Service owned(Service s, String ownerUid) {
    return s.toBuilder().setMetadata(s.getMetadata().toBuilder()
        .addOwnerReferences(OwnerReference.newBuilder().setKind("Deployment").setName("owner").setUid(ownerUid))).build();
  }

  public static Service newService(String namespace, String name) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace(namespace).setName(name)).build();
  }
}
