package io.svclab.dns.server;

import io.svclab.dns.records.IndexChange;
import io.svclab.dns.records.Reads;
import io.svclab.dns.records.RecordIndex;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finished wire replies by the query's exact bytes with its ID zeroed (and the transport): the
 * same bytes asked of the same records get the same reply, so a repeated query costs a map
 * lookup and a copy with the ID patched instead of a dnsjava parse, a lookup and a render.
 * Keyed on the exact bytes, case included, so 0x20 and EDNS options are answered exactly as
 * the uncached path would.
 *
 * <p>Invalidation is per name: each entry keeps what its answer read of the index
 * ({@link Reads}) and the id of the index it was last known valid for. When the index has moved
 * on, the entry is checked against the {@link IndexChange}s since ({@link RecordIndex#changesSince},
 * a pure check): a change to another Service leaves it alone, a change to one it read drops it.
 * The SOA serial of negative replies is patched in at send time rather than read, so a change
 * elsewhere (which moves the serial) does not drop every NXDOMAIN. At {@code capacity} entries
 * the cache starts over, so memory stays bounded whatever is asked.
 */
final class AnswerCache {
  /** A reply as cached: its wire form (ID zero) and what the metrics need. */
  static final class Entry {
    private final byte[] wire;
    private final int rcode;
    private final int qtype;
    private final String zone;
    private final long[] reads;
    /** Where the SOA serial sits in {@code wire} (-1: none, or not patched). */
    private final int serialAt;
    /** The id of the newest index this reply is known to be the answer of. */
    private volatile long validAt;

    private Entry(byte[] wire, int rcode, int qtype, String zone, long[] reads, int serialAt, long validAt) {
      this.wire = wire;
      this.rcode = rcode;
      this.qtype = qtype;
      this.zone = zone;
      this.reads = reads;
      this.serialAt = serialAt;
      this.validAt = validAt;
    }

    QueryCodec.Respond respond(int id, long serial) {
      byte[] out = wire.clone();
      out[0] = (byte) (id >> 8);
      out[1] = (byte) id;
      if (serialAt >= 0) {
        SoaSerial.write(out, serialAt, serial);
      }
      return new QueryCodec.Respond(out, rcode, qtype, zone, false);
    }
  }

  private final int capacity;
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();

  AnswerCache(int capacity) {
    this.capacity = capacity;
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** The reply cached for {@code key} if it is still the reply of {@code index}; null otherwise. */
  Entry get(Key key, RecordIndex index) {
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    long now = index.id();
    long at = e.validAt;
    if (at == now) {
      return e;
    }
    if (at > now) {
      return null; // made from a newer index than this caller holds: answer from its own
    }
    if (!IndexChange.stillValid(index.changesSince(at), e.reads)) {
      if (entries.remove(key, e)) {
        dropped.increment();
      }
      return null;
    }
    e.validAt = now; // a racing caller may write an older id back: it is valid too, only rechecked
    return e;
  }

  /** Caches {@code reply}, made from {@code index} by an answer that read {@code reads}. */
  void put(Key key, QueryCodec.Respond reply, long[] reads, RecordIndex index) {
    if (capacity <= 0) {
      return;
    }
    if (entries.size() >= capacity) {
      entries.clear();
    }
    byte[] wire = reply.wire().clone();
    wire[0] = 0;
    wire[1] = 0;
    int serialAt = -1;
    if (Arrays.binarySearch(reads, Reads.SERIAL) >= 0) {
      serialAt = SoaSerial.find(wire, index.serial());
      if (serialAt >= 0) {
        reads = without(reads, Reads.SERIAL);
      }
    }
    entries.put(key, new Entry(wire, reply.rcode(), reply.qtype(), reply.zone(), reads, serialAt, index.id()));
  }

  int size() {
    return entries.size();
  }

  /** Entries dropped because a change touched what they read. */
  long dropped() {
    return dropped.sum();
  }

  private static long[] without(long[] sorted, long key) {
    return Arrays.stream(sorted).filter(k -> k != key).toArray();
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
