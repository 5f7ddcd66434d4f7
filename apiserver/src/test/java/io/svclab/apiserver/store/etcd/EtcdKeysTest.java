package io.svclab.apiserver.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EtcdKeysTest {
  static Stream<Arguments> prefixEnds() {
    return Stream.of(
        Arguments.of("a plain prefix ends at its last byte + 1", new byte[] {'/', 'a'}, new byte[] {'/', 'b'}),
        Arguments.of("trailing 0xff bytes carry into the byte before", new byte[] {'a', (byte) 0xff, (byte) 0xff},
            new byte[] {'b'}),
        Arguments.of("only 0xff bytes: to the end of the keyspace", new byte[] {(byte) 0xff}, new byte[] {0}),
        Arguments.of("no prefix: to the end of the keyspace", new byte[] {}, new byte[] {0}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prefixEnds")
  void prefixEnd(String name, byte[] prefix, byte[] end) {
    assertThat(EtcdKeys.prefixEnd(prefix)).isEqualTo(end);
  }

  @org.junit.jupiter.api.Test
  void storeKeysLiveUnderThePrefix() {
    EtcdKeys keys = new EtcdKeys("/registry");
    assertThat(keys.key("/services/default/web").toStringUtf8()).isEqualTo("/registry/services/default/web");
    assertThat(keys.storeKey(ByteString.copyFromUtf8("/registry/pods/a/b"))).isEqualTo("/pods/a/b");
    assertThat(keys.rangeEnd("/pods/").toStringUtf8()).isEqualTo("/registry/pods0");
  }
}
