package io.svclab.proxy.snapshot;

/** Makes a {@link ProxySnapshot} real (sockets, rules). Called from one sync thread at a time. */
public interface Proxier extends AutoCloseable {
  /** Applies the whole snapshot; returns normally even if some listeners failed (they are retried next sync). */
  void apply(ProxySnapshot snapshot);

  @Override
  void close();
}
