package io.svclab.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.apiserver.store.StorageBackend.Etcd;
import io.svclab.apiserver.store.StorageBackend.EtcdEndpoint;
import io.svclab.apiserver.store.StorageBackend.Sqlite;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StorageBackendTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("a SQLite file", "sqlite:/tmp/api/state.db", new Sqlite(Path.of("/tmp/api/state.db"))),
        Arguments.of("a relative SQLite file", "sqlite:state.db", new Sqlite(Path.of("state.db"))),
        Arguments.of("one etcd member", "etcd:http://127.0.0.1:2379",
            new Etcd(List.of(new EtcdEndpoint("127.0.0.1", 2379)))),
        Arguments.of("a cluster, spaces after commas ignored", "etcd:http://127.0.0.1:2379, http://127.0.0.1:22379",
            new Etcd(List.of(new EtcdEndpoint("127.0.0.1", 2379), new EtcdEndpoint("127.0.0.1", 22379)))),
        Arguments.of("no port: etcd's client port", "etcd:http://etcd-0", new Etcd(List.of(new EtcdEndpoint("etcd-0", 2379)))),
        Arguments.of("a trailing slash", "etcd:http://127.0.0.1:2379/",
            new Etcd(List.of(new EtcdEndpoint("127.0.0.1", 2379)))),
        Arguments.of("IPv6", "etcd:http://[::1]:2379", new Etcd(List.of(new EtcdEndpoint("::1", 2379)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parses(String name, String flag, StorageBackend expected) {
    assertThat(StorageBackend.parse(flag)).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("no backend", "/tmp/state.db",
            "invalid --storage \"/tmp/state.db\": want sqlite:<path> or etcd:http://<host>:<port>[,http://<host>:<port>...]"),
        Arguments.of("an unknown backend", "postgres://db",
            "invalid --storage \"postgres://db\": want sqlite:<path> or etcd:http://<host>:<port>[,http://<host>:<port>...]"),
        Arguments.of("sqlite without a path", "sqlite:",
            "invalid --storage \"sqlite:\": sqlite needs a file path, want sqlite:<path> or etcd:http://<host>:<port>[,http://<host>:<port>...]"),
        Arguments.of("etcd without endpoints", "etcd:",
            "invalid --storage \"etcd:\": an empty etcd endpoint, want sqlite:<path> or etcd:http://<host>:<port>[,http://<host>:<port>...]"),
        Arguments.of("an empty endpoint in the list", "etcd:http://127.0.0.1:2379,",
            "invalid --storage \"etcd:http://127.0.0.1:2379,\": an empty etcd endpoint, want sqlite:<path> or etcd:http://<host>:<port>[,http://<host>:<port>...]"),
        Arguments.of("host:port without a scheme", "etcd:127.0.0.1:2379",
            "invalid etcd endpoint \"127.0.0.1:2379\": want http://<host>:<port>"),
        Arguments.of("TLS", "etcd:https://127.0.0.1:2379",
            "invalid etcd endpoint \"https://127.0.0.1:2379\": TLS to etcd is not supported, use http://"),
        Arguments.of("a path", "etcd:http://127.0.0.1:2379/v3",
            "invalid etcd endpoint \"http://127.0.0.1:2379/v3\": want http://<host>:<port> only"),
        Arguments.of("not a URL", "etcd:http://bad host:2379",
            "invalid etcd endpoint \"http://bad host:2379\": Illegal character in authority"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refuses(String name, String flag, String message) {
    assertThatThrownBy(() -> StorageBackend.parse(flag)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
