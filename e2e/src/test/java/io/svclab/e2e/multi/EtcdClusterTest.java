package io.svclab.e2e.multi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, acceptance 2: {@code ./lab up --etcd}, 16 clients creating objects, kill -9 of one etcd
 * member meanwhile: every acknowledged create is still there, a client sees at most one burst of
 * errors (once it succeeds again it keeps succeeding), and the creates go on. Also: the members are
 * listed by {@code ./lab status}, and {@code ./lab down} leaves no member running.
 */
class EtcdClusterTest {
  static final int CLIENTS = 16;
  /** Successes in a row after which a client is over its burst: a failure after that is flapping. */
  static final int RECOVERED = 5;
  static final Duration CEILING = Duration.ofSeconds(300);

  @TempDir Path data;
  @TempDir Path labRecords;

  /** One client's outcomes in order: true = acknowledged. */
  record Outcome(boolean ok, boolean afterKill) {}

  @Test
  void killingOneMemberLosesNoAcknowledgedWrite() throws Exception {
    assertThat(Files.isExecutable(Path.of("/usr/bin/etcd"))).as("etcd-server is installed (scripts/test.sh)").isTrue();
    String env = "SVCLAB_LABS_DIR=" + labRecords + " ";
    try (LabProcess lab = LabProcess.up(data, java.util.Map.of("SVCLAB_LABS_DIR", labRecords.toString()), "--etcd", "--nodes", "1")) {
      LabTable table = new LabTable(data);
      lab.awaitLine("svclab is up in", 300);
      Shell.Result status = Shell.run(env + "./lab status --data " + data, 60);
      assertThat(status.stdout()).as(status.stdout() + status.stderr())
          .containsPattern("(?m)^etcd-1\\s+\\d+\\s+healthy").containsPattern("(?m)^etcd-3\\s+\\d+\\s+healthy")
          .containsPattern("(?m)^apiserver\\s+\\d+\\s+healthy");
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      AtomicBoolean killed = new AtomicBoolean();
      AtomicBoolean stop = new AtomicBoolean();
      Set<String> acknowledged = Collections.synchronizedSet(new HashSet<>());
      List<List<Outcome>> outcomes = new ArrayList<>();
      try {
        ResourceClient<Lease> leases = new ResourceClient<>(channel, ResourceKinds.LEASES, 10_000);
        for (int c = 0; c < CLIENTS; c++) {
          List<Outcome> mine = Collections.synchronizedList(new ArrayList<>());
          outcomes.add(mine);
          int client = c;
          pool.submit(() -> {
            for (int n = 0; !stop.get() && n < 100_000; n++) {
              String name = "etcd-e2e-" + client + "-" + n;
              boolean afterKill = killed.get();
              try {
                leases.create(Lease.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
                    .setSpec(LeaseSpec.newBuilder().setHolderIdentity("client-" + client)).build());
                acknowledged.add(name);
                mine.add(new Outcome(true, afterKill));
              } catch (RuntimeException e) {
                mine.add(new Outcome(false, afterKill));
                sleepQuietly(50);
              }
            }
          });
        }
        await().atMost(CEILING).until(() -> acknowledged.size() >= 200);
        // etcd-1 is the member the apiserver's etcd client talks to (the first of its list): the kill moves it too
        long pid = table.kill("etcd-1");
        killed.set(true);
        System.out.println("killed etcd-1 (pid " + pid + ") after " + acknowledged.size() + " acknowledged creates");
        // every client goes on: RECOVERED acknowledged creates in a row after the kill
        await().atMost(CEILING).until(() -> outcomes.stream().allMatch(EtcdClusterTest::recoveredAfterKill));
        // and the member comes back (the supervisor restarts it) and the cluster is whole again
        await().atMost(CEILING).until(() -> table.pid("etcd-1") != pid && table.allHealthy());
        int before = acknowledged.size();
        await().atMost(CEILING).until(() -> acknowledged.size() >= before + 100);
      } finally {
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
      }
      try {
        ResourceClient<Lease> leases = new ResourceClient<>(channel, ResourceKinds.LEASES, 30_000);
        Set<String> stored = new HashSet<>();
        leases.listItems("default", "").forEach(l -> stored.add(l.getMetadata().getName()));
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertThat(lost).as("acknowledged creates missing after the kill").isEmpty();
        long errors = outcomes.stream().flatMap(List::stream).filter(o -> !o.ok()).count();
        System.out.printf("%d acknowledged creates, %d failed calls (the burst around the kill)%n", acknowledged.size(), errors);
        for (List<Outcome> mine : outcomes) {
          assertThat(burstsAfterRecovery(mine)).as("a client failed again after %d successes in a row", RECOVERED).isZero();
        }
      } finally {
        channel.shutdownNow();
      }
      lab.terminateGroup(120);
      long members = ProcessHandle.allProcesses().filter(h -> h.info().commandLine()
          .map(c -> c.contains("--data-dir=" + data.resolve("etcd"))).orElse(false)).count();
      assertThat(members).as("etcd members left running after the lab stopped").isZero();
    }
  }

  private static boolean recoveredAfterKill(List<Outcome> mine) {
    synchronized (mine) {
      int run = 0;
      for (Outcome o : mine) {
        if (!o.afterKill()) {
          continue;
        }
        run = o.ok() ? run + 1 : 0;
      }
      return run >= RECOVERED;
    }
  }

  /** Failures after the kill that follow RECOVERED successes in a row after the kill (a second burst). */
  static int burstsAfterRecovery(List<Outcome> mine) {
    synchronized (mine) {
      int run = 0;
      int late = 0;
      for (Outcome o : mine) {
        if (!o.afterKill()) {
          continue;
        }
        if (o.ok()) {
          run++;
        } else if (run >= RECOVERED) {
          late++;
        } else {
          run = 0;
        }
      }
      return late;
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
