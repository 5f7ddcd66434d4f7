package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTableTest {
  @TempDir Path data;

  @Test
  void namesPidsHealthListensAndSpawnTimesAreRead() {
    String tsv = "apiserver\t9104\thttp://127.0.0.1:6080/healthz\tgrpc 127.0.0.1:6443, admin http://127.0.0.1:6080\t1796219625892\n"
        + "node-proxy-2\t9136\thttp://127.0.10.2:10256/healthz\tClusterIPs\t1796219626326\n";
    assertThat(ProcessTable.parse(tsv)).containsExactly(
        new ProcessRow("apiserver", 9104, "http://127.0.0.1:6080/healthz", "grpc 127.0.0.1:6443, admin http://127.0.0.1:6080", 1796219625892L),
        new ProcessRow("node-proxy-2", 9136, "http://127.0.10.2:10256/healthz", "ClusterIPs", 1796219626326L));
  }

  @Test
  void damagedLinesAreSkipped() {
    assertThat(ProcessTable.parse("apiserver\tnot-a-pid\th\tl\t1\nshort\t1\n\ndns-server\t7\th\tl\t2\n"))
        .containsExactly(new ProcessRow("dns-server", 7, "h", "l", 2));
  }

  @Test
  void whatIsWrittenIsReadBack() throws Exception {
    List<ProcessRow> rows = List.of(new ProcessRow("apiserver", 1, "http://127.0.0.1:6080/healthz", "grpc 127.0.0.1:6443", 5),
        new ProcessRow("node-agent-1", 2, "http://127.0.10.1:10248/healthz", "", 6),
        new ProcessRow("node-proxy-1", 3, "http://172.18.0.2:10256/healthz", "rules", 7, "svclab-node-1"));
    ProcessTable.write(data, rows);
    assertThat(ProcessTable.read(data)).isEqualTo(rows);
    assertThat(ProcessTable.read(data.resolve("never-started"))).isEmpty();
  }
}
