package io.svclab.apiserver.strategy;

/**
 * What one write took from the allocators (ClusterIPs, NodePorts, ...), provisional until the
 * write is stored: {@link #commit()} after the store accepted it (gives back what the old
 * object held and the new one dropped), {@link #rollback()} when it did not (gives back what
 * this write took). Exactly one of the two is called.
 */
public interface Allocation<T> {
  /** The object with what was allocated filled in. */
  T object();

  void commit();

  void rollback();

  /**
   * True when {@link #commit()} gives nothing back (a create, or a kind that allocates nothing):
   * then it touches no allocator and may run on the store's own thread, right as the write is
   * acknowledged. Giving back or rolling back writes the allocator's range to the store, so it
   * runs elsewhere.
   */
  default boolean commitGivesNothingBack() {
    return false;
  }

  /** Kinds that allocate nothing. */
  static <T> Allocation<T> none(T object) {
    return new Allocation<>() {
      @Override
      public T object() { return object; }

      @Override
      public void commit() { }

      @Override
      public void rollback() { }

      @Override
      public boolean commitGivesNothingBack() { return true; }
    };
  }
}
