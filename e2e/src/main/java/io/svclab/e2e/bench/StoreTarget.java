package io.svclab.e2e.bench;

/** One system under the api benchmark's load: svclab's apiserver or etcd, driven the same way. */
interface StoreTarget extends AutoCloseable {
  String name();

  /** Creates object number {@code i} under {@code prefix} (must not exist yet); blocks until acknowledged. */
  void create(String prefix, int i) throws Exception;

  /** Opens one watch on everything created from now on; {@code onEvents} gets the number of events delivered. */
  AutoCloseable watch(java.util.function.IntConsumer onEvents) throws Exception;
}
