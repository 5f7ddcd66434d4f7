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
  /**
   * A query's key bytes (ID zeroed, transport in the ID's second byte) as the map compares them:
   * a probe {@link Key}, or an {@link Entry}, which is its own key (one object and one array per
   * reply, the heap per cached reply is what the benchmark's heap per record pays).
   */
  abstract static class QueryBytes {
    final byte[] bytes;
    final int keyLength;
    private final int hash;

    QueryBytes(byte[] bytes, int keyLength, int hash) {
      this.bytes = bytes;
      this.keyLength = keyLength;
      this.hash = hash;
    }

    @Override
    public final boolean equals(Object o) {
      return o instanceof QueryBytes q && q.hash == hash
          && Arrays.equals(q.bytes, 0, q.keyLength, bytes, 0, keyLength);
    }

    @Override
    public final int hashCode() {
      return hash;
    }
  }

  /** A lookup key: the query's bytes without its ID, and the transport (a UDP reply may be truncated, a TCP one not). */
  static final class Key extends QueryBytes {
    private Key(byte[] bytes) {
      super(bytes, bytes.length, Arrays.hashCode(bytes));
    }
  }

  /**
   * A reply as cached, in one array: the query's key bytes, then the reply's 12-byte header,
   * then the reply after its question (which is the query's question, byte for byte: the reply
   * repeats it as asked); a reply whose question differs is kept whole ({@code shared} false).
   */
  static final class Entry extends QueryBytes {
    private final boolean shared;
    private final int rcode;
    private final int qtype;
    private final String zone;
    private final long[] reads;
    /** Where the SOA serial sits in the reply (-1: none, or not patched). */
    private final int serialAt;
    /** The id of the newest index this reply is known to be the answer of. */
    private volatile long validAt;

    private Entry(Key key, byte[] packed, boolean shared, int rcode, int qtype, String zone, long[] reads,
        int serialAt, long validAt) {
      super(packed, key.keyLength, key.hashCode());
      this.shared = shared;
      this.rcode = rcode;
      this.qtype = qtype;
      this.zone = zone;
      this.reads = reads;
      this.serialAt = serialAt;
      this.validAt = validAt;
    }

    static Entry of(Key key, byte[] reply, int rcode, int qtype, String zone, long[] reads, int serialAt, long validAt) {
      int questionEnd = QueryCodec.HEADER + questionLength(key.bytes);
      boolean shared = questionEnd > QueryCodec.HEADER && questionEnd <= reply.length
          && Arrays.equals(key.bytes, QueryCodec.HEADER, questionEnd, reply, QueryCodec.HEADER, questionEnd);
      return new Entry(key, pack(key.bytes, reply, shared ? questionEnd : -1), shared, rcode, qtype, zone, reads,
          serialAt, validAt);
    }

    private static byte[] pack(byte[] key, byte[] reply, int questionEnd) {
      if (questionEnd < 0) {
        byte[] out = Arrays.copyOf(key, key.length + reply.length);
        System.arraycopy(reply, 0, out, key.length, reply.length);
        return out;
      }
      int rest = reply.length - questionEnd;
      byte[] out = Arrays.copyOf(key, key.length + QueryCodec.HEADER + rest);
      System.arraycopy(reply, 0, out, key.length, QueryCodec.HEADER);
      System.arraycopy(reply, questionEnd, out, key.length + QueryCodec.HEADER, rest);
      return out;
    }

    /** The reply as sent: ID {@code id}, SOA serial {@code serial}. */
    QueryCodec.Respond respond(int id, long serial) {
      byte[] out;
      if (shared) {
        int questionEnd = QueryCodec.HEADER + questionLength(bytes);
        int rest = bytes.length - keyLength - QueryCodec.HEADER;
        out = new byte[questionEnd + rest];
        System.arraycopy(bytes, keyLength, out, 0, QueryCodec.HEADER);
        System.arraycopy(bytes, QueryCodec.HEADER, out, QueryCodec.HEADER, questionEnd - QueryCodec.HEADER);
        System.arraycopy(bytes, keyLength + QueryCodec.HEADER, out, questionEnd, rest);
      } else {
        out = Arrays.copyOfRange(bytes, keyLength, bytes.length);
      }
      out[0] = (byte) (id >> 8);
      out[1] = (byte) id;
      if (serialAt >= 0) {
        SoaSerial.write(out, serialAt, serial);
      }
      return new QueryCodec.Respond(out, rcode, qtype, zone, false);
    }
  }

  /**
   * The length of the question at offset 12 (its name's labels up to the root, then type and
   * class); 0 when it is not a plain uncompressed name within the packet.
   */
  static int questionLength(byte[] packet) {
    int at = QueryCodec.HEADER;
    while (at < packet.length) {
      int len = packet[at] & 0xff;
      if (len == 0) {
        return at + 1 + 4 <= packet.length ? at + 1 + 4 - QueryCodec.HEADER : 0;
      }
      if (len > 63) {
        return 0; // a pointer or an extended label: not shared, kept whole
      }
      at += 1 + len;
    }
    return 0;
  }

  private final int capacity;
  private final ConcurrentHashMap<QueryBytes, Entry> entries = new ConcurrentHashMap<>();
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
      if (entries.remove(e, e)) {
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
    Entry e = Entry.of(key, wire, reply.rcode(), reply.qtype(), reply.zone(), reads, serialAt, index.id());
    entries.put(e, e);
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
    return new Key(k);
  }
}
