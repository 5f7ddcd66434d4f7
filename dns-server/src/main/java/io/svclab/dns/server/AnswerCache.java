package io.svclab.dns.server;

import io.svclab.dns.records.RecordIndex;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finished wire replies of one {@link RecordIndex}, by the query's exact bytes with its ID
 * zeroed (and the transport): the same bytes asked of the same index get the same reply, so a
 * repeated query costs a map lookup and a copy with the ID patched instead of a dnsjava parse,
 * a lookup and a render. Keyed on the exact bytes, case included, so 0x20 and EDNS options
 * are answered exactly as the uncached path would. A new index starts an empty cache; at
 * {@code capacity} entries the cache starts over, so memory stays bounded whatever is asked.
 */
final class AnswerCache {
  /** A reply as cached: its wire form (ID zero) and what the metrics need. */
  record Entry(byte[] wire, int rcode, int qtype, String zone) {
    QueryCodec.Respond respond(int id) {
      byte[] out = wire.clone();
      out[0] = (byte) (id >> 8);
      out[1] = (byte) id;
      return new QueryCodec.Respond(out, rcode, qtype, zone, false);
    }
  }

  private final RecordIndex index;
  private final int capacity;
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  AnswerCache(RecordIndex index, int capacity) {
    this.index = index;
    this.capacity = capacity;
  }

  RecordIndex index() {
    return index;
  }

  Entry get(Key key) {
    return entries.get(key);
  }

  void put(Key key, QueryCodec.Respond reply) {
    if (capacity <= 0) {
      return;
    }
    if (size.incrementAndGet() > capacity) {
      entries.clear();
      size.set(1);
    }
    byte[] wire = reply.wire().clone();
    wire[0] = 0;
    wire[1] = 0;
    entries.put(key, new Entry(wire, reply.rcode(), reply.qtype(), reply.zone()));
  }

  int size() {
    return entries.size();
  }

  /** The query's bytes without its ID, and the transport (a UDP reply may be truncated, a TCP one not). */
  static Key key(byte[] packet, QueryCodec.Transport transport) {
    byte[] k = packet.clone();
    k[0] = 0;
    k[1] = (byte) transport.ordinal();
    return new Key(k, Arrays.hashCode(k));
  }

  static final class Key {
    private final byte[] bytes;
    private final int hash;

    private Key(byte[] bytes, int hash) {
      this.bytes = bytes;
      this.hash = hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
