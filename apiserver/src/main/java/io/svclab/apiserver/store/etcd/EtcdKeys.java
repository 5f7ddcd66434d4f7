package io.svclab.apiserver.store.etcd;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the store's keys live in etcd: under a prefix, as kube-apiserver keeps its objects under
 * {@code /registry} ({@code --etcd-prefix}), so one etcd can hold other data beside them.
 */
public record EtcdKeys(String prefix) {

  public ByteString key(String storeKey) {
    return ByteString.copyFrom(prefix + storeKey, StandardCharsets.UTF_8);
  }

  /** The store's key of an etcd key under the prefix. */
  public String storeKey(ByteString etcdKey) {
    return etcdKey.toStringUtf8().substring(prefix.length());
  }

  /** The etcd range [key, rangeEnd) of every store key starting with {@code storePrefix}. */
  public ByteString rangeEnd(String storePrefix) {
    return ByteString.copyFrom(prefixEnd(key(storePrefix).toByteArray()));
  }

  /**
   * etcd's "every key with this prefix" range end (clientv3.GetPrefixRangeEnd): the prefix with
   * its last byte that is not 0xff incremented and the 0xff bytes after it dropped; a prefix of
   * only 0xff bytes (or none) has no end but the keyspace's, written as the single byte 0.
   */
  static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xff) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return new byte[] {0};
  }
}
