package io.svclab.client.flags;

import io.grpc.Channel;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.leader.LeaderCallbacks;
import io.svclab.client.leader.LeaderElectionConfig;
import io.svclab.client.leader.LeaderElector;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/**
 * The flags every leader-elected controller process takes (a picocli mixin): where the API is,
 * where its admin endpoint binds, and how it takes part in leader election.
 */
public final class ControllerFlags {
  @Option(names = "--api", defaultValue = ApiChannels.DEFAULT_TARGET, converter = ApiFlag.class,
      description = ApiFlag.DESCRIPTION)
  String api;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "Admin endpoint address.")
  String bindAddress;

  @Option(names = "--leader-elect", defaultValue = "true", arity = "0..1", fallbackValue = "true",
      description = "Run only while holding this controller's Lease in kube-system (default true).")
  boolean leaderElect;

  @Option(names = "--identity", description = "Leader election identity (default <hostname>-<pid>).")
  String identity;

  public String api() { return api; }

  public String bindAddress() { return bindAddress; }

  public boolean leaderElect() { return leaderElect; }

  /** The given identity, or {@code <hostname>-<pid>} as client-go's leader election defaults it. */
  public String identity() {
    if (identity != null && !identity.isBlank()) {
      return identity;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost"; // a host that cannot resolve its own name still needs an identity
    }
    return host + "-" + ProcessHandle.current().pid();
  }

  /**
   * Runs {@code leadership} while this replica holds Lease {@code namespace/name}, or at once
   * with {@code --leader-elect=false}. Call it last: registered last, the elector is stopped
   * first, so its release hands the lease over at once.
   */
  public void lead(ServiceProcess process, Channel channel, String namespace, String name, LeaderCallbacks leadership) {
    if (leaderElect) {
      LeaderElectionConfig election = LeaderElectionConfig.of(namespace, name, identity());
      process.register("leader election",
          new LeaderElector(new ResourceClient<>(channel, ResourceKinds.LEASES), election, leadership).start());
    } else {
      leadership.onStartedLeading();
    }
  }
}
