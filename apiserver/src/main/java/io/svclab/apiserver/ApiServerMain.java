package io.svclab.apiserver;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ServiceProcess;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code apiserver}: the API, its store and its watch streams, as one process. */
@Command(name = "apiserver", mixinStandardHelpOptions = true,
    description = "svclab API server: gRPC API, SQLite store, watch cache.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.apiserver.ApiServerMain --data .lab --port 6443 --admin-port 6080",
        "  java -cp 'cli/target/lib/*' io.svclab.apiserver.ApiServerMain --data /tmp/api --service-cluster-ip-range 10.96.0.0/16"})
public final class ApiServerMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ApiServerMain.class);

  @Option(names = "--data", defaultValue = ".lab", description = "Data directory (state.db lives here).")
  Path data;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1", description = "gRPC listen address.")
  String host;

  @Option(names = "--port", defaultValue = "6443", description = "gRPC listen port.")
  int port;

  @Option(names = "--unix-socket", description = "Also serve gRPC on this Unix domain socket.")
  Path unixSocket;

  @Option(names = "--admin-port", defaultValue = "6080", description = "Port of /metrics and /healthz.")
  int adminPort;

  @Option(names = "--service-cluster-ip-range", defaultValue = "127.96.0.0/16", description = "Service CIDR.")
  String serviceCidr;

  @Option(names = "--service-node-port-range", defaultValue = "30000-32767", description = "NodePort range.")
  String nodePortRange;

  @Option(names = "--rest-port", defaultValue = "6444",
      description = "Kubernetes-compatible HTTPS API for kubectl (writes <data>/kubeconfig); 0 = any free port, -1 = off.")
  int restPort;

  @Option(names = "--watch-cache-size", defaultValue = "20000", description = "Changes kept for watch resume.")
  int watchWindow;

  @Override
  public Integer call() throws Exception {
    ServiceProcess process = ServiceProcess.start("apiserver");
    String[] range = nodePortRange.split("-");
    ApiServerConfig config = new ApiServerConfig(data, host, port, unixSocket, host, adminPort, serviceCidr,
        Integer.parseInt(range[0]), Integer.parseInt(range[1]), watchWindow, 10_000, restPort);
    ApiServer server = process.register("grpc server", new ApiServer(config, PrometheusRegistry.defaultRegistry));
    process.register("admin", AdminServer.start(host, adminPort, server::healthy, server::healthy));
    log.info("apiserver serving gRPC on {}:{}{}, data in {}", host, server.port(),
        unixSocket == null ? "" : " and unix:" + unixSocket, data.toAbsolutePath());
    if (server.restPort() > 0) {
      log.info("apiserver serving the Kubernetes API on https://{}:{} (kubectl: KUBECONFIG={})", host, server.restPort(),
          data.resolve("kubeconfig").toAbsolutePath());
    }
    process.awaitTermination();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ApiServerMain()).execute(args));
  }
}
