package io.svclab.cli.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's processes and their addresses (DESIGN.md §6, local column). The single list both
 * {@code ./lab up} and the compose file are checked against.
 */
public final class LabTopology {
  public static final String API_HOST = "127.0.0.1";
  public static final int API_PORT = 6443;
  public static final int API_ADMIN_PORT = 6080;
  public static final String SERVICE_CIDR = "127.96.0.0/16";
  public static final int ENDPOINTS_CONTROLLER_ADMIN_PORT = 6081;

  private LabTopology() {}

  public static List<Component> components(Path dataDir, int nodes) {
    List<Component> list = new ArrayList<>();
    list.add(new Component("apiserver", "io.svclab.apiserver.ApiServerMain",
        List.of("--data", dataDir.toString(), "--bind-address", API_HOST, "--port", Integer.toString(API_PORT),
            "--admin-port", Integer.toString(API_ADMIN_PORT), "--service-cluster-ip-range", SERVICE_CIDR,
            "--unix-socket", dataDir.resolve("apiserver.sock").toString()),
        List.of("grpc " + API_HOST + ":" + API_PORT, "admin http://" + API_HOST + ":" + API_ADMIN_PORT),
        "http://" + API_HOST + ":" + API_ADMIN_PORT + "/healthz"));
    list.add(new Component("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
        List.of("--api", API_HOST + ":" + API_PORT, "--bind-address", API_HOST,
            "--admin-port", Integer.toString(ENDPOINTS_CONTROLLER_ADMIN_PORT)),
        List.of("admin http://" + API_HOST + ":" + ENDPOINTS_CONTROLLER_ADMIN_PORT),
        "http://" + API_HOST + ":" + ENDPOINTS_CONTROLLER_ADMIN_PORT + "/healthz"));
    return list;
  }
}
