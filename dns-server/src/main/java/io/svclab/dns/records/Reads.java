package io.svclab.dns.records;

import java.util.Arrays;

/**
 * What an answer read from a {@link RecordIndex}, as 64-bit keys: a Service by namespace and
 * name (present or not), a namespace's existence, the reverse entry of an address, the pod
 * addresses of a namespace, the SOA serial, the synced flag. {@link IndexChange} names the
 * same keys for what changed between two indexes, so a cached reply stays valid while none of
 * its reads changed. Keys are hashes: two reads that collide can only make a reply drop more
 * often, never keep a stale one.
 */
public final class Reads {
  public static final long SERIAL = hash('S', "");
  public static final long SYNCED = hash('Y', "");
  private static final long[] NONE = new long[0];

  private long[] keys = new long[4];
  private int size;

  public static long service(String namespace, String name) {
    return hash('s', namespace, name);
  }

  /** {@code key} as {@link RecordIndex#key}: namespace/name. */
  static long serviceKey(String key) {
    return hash('s', key);
  }

  public static long namespace(String namespace) {
    return hash('n', namespace);
  }

  /** The reverse (PTR) entry of an address, in {@link RecordIndex#canonicalIp} form. */
  public static long address(String canonicalIp) {
    return hash('r', canonicalIp);
  }

  public static long pods(String namespace) {
    return hash('p', namespace);
  }

  public void add(long key) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key;
  }

  /** The keys read, sorted, without repeats. */
  public long[] keys() {
    return sortedDistinct(keys, size);
  }

  static long[] sortedDistinct(long[] values, int count) {
    if (count == 0) {
      return NONE;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int n = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] != sorted[n - 1]) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  /** True when the two sorted key sets share a key. */
  static boolean intersect(long[] a, long[] b) {
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        return true;
      }
      if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return false;
  }

  // FNV-1a, 64 bits, over a kind tag and the characters (a '/' between two parts, as the index key)
  private static long hash(char kind, String a) {
    return chars(mix(0xcbf29ce484222325L, kind), a);
  }

  private static long hash(char kind, String a, String b) {
    return chars(mix(chars(mix(0xcbf29ce484222325L, kind), a), '/'), b);
  }

  private static long chars(long h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h = mix(h, s.charAt(i));
    }
    return h;
  }

  private static long mix(long h, char c) {
    h ^= c & 0xff;
    h *= 0x100000001b3L;
    h ^= c >>> 8;
    h *= 0x100000001b3L;
    return h;
  }
}
