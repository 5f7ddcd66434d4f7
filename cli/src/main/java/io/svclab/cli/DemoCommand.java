package io.svclab.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.cli.demo.Demo;
import io.svclab.cli.demo.DemoCatalog;
import io.svclab.cli.demo.DemoFailure;
import io.svclab.cli.demo.DemoSteps;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.cli.launch.ProcessRow;
import io.svclab.cli.launch.ProcessTable;
import io.svclab.cli.topology.ControlPlanePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab demo [NAME]}: the seed tutorials, run against the running lab and checked. */
@Command(name = "demo", description = "List the seed tutorial demos, or run one against the running lab (exit 0 if it behaved as the tutorial says).")
public final class DemoCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", description = "Demo name; none lists them.")
  String name;

  @Option(names = "--data", description = "Data directory of the lab (default: the running lab's; for pods' resolv.conf and files).")
  Path data;

  @Option(names = "--server", converter = ApiFlag.class,
      description = "API address or list (default: the running lab's apiservers, 127.0.0.1:6443 and with --apiservers N the others).")
  String server;

  @Option(names = "--dns", defaultValue = "127.0.0.1:1053", description = "The lab's DNS server.")
  String dns;

  /** How long a lab that is still starting is waited for: a busy two-core machine can take minutes. */
  private static final Duration READY_CEILING = Duration.ofMinutes(5);

  @Override
  public Integer call() throws Exception {
    if (name == null) {
      System.out.println("Demos (./lab demo NAME runs one against the running lab):");
      for (Demo d : DemoCatalog.ALL) {
        System.out.printf("  %-13s %s%n", d.name(), d.description());
      }
      return 0;
    }
    Demo demo = DemoCatalog.find(name).orElse(null);
    if (demo == null) {
      System.err.println("error: no demo \"" + name + "\"; ./lab demo lists them");
      return 1;
    }
    String dnsHost = dns.substring(0, dns.lastIndexOf(':'));
    int dnsPort = Integer.parseInt(dns.substring(dns.lastIndexOf(':') + 1));
    Path dataDir = LabPaths.runningLab(data);
    Optional<String> notReady = LabReadiness.await(dataDir, READY_CEILING, System.err);
    if (notReady.isPresent()) {
      System.err.println("error: " + notReady.get());
      return 1;
    }
    String api = server != null ? server
        : ControlPlanePlan.apiTargetsOf(ProcessTable.read(dataDir).stream().map(ProcessRow::name).toList());
    ManagedChannel channel = ApiChannels.forTarget(api);
    DemoSteps steps = new DemoSteps(channel, dataDir, System.out, demo.name(), dnsHost, dnsPort);
    long start = System.nanoTime();
    String failure = null;
    System.out.println("demo " + demo.name() + ": " + demo.description());
    System.out.println("from " + demo.source());
    try {
      demo.run(steps);
    } catch (DemoFailure e) {
      failure = e.getMessage();
    } catch (StatusRuntimeException e) {
      failure = "Error from server (" + e.getStatus().getCode() + "): " + e.getStatus().getDescription();
    } catch (Exception e) {
      failure = e.toString();
    } finally {
      try {
        steps.cleanup();
      } catch (RuntimeException e) {
        String why = e instanceof StatusRuntimeException s ? s.getStatus().getCode() + ": " + s.getStatus().getDescription() : e.getMessage();
        failure = (failure == null ? "" : failure + "; and ") + "cleanup failed: " + why;
      }
      channel.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println();
    if (failure != null) {
      System.out.printf("demo %s FAILED after %.1f s: %s%n", demo.name(), seconds, failure);
      return 1;
    }
    System.out.printf("demo %s passed: %d checks in %.1f s%n", demo.name(), steps.checks(), seconds);
    return 0;
  }
}
