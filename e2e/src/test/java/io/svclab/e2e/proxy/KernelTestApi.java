package io.svclab.e2e.proxy;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import java.nio.file.Path;

/**
 * The apiserver the kernel proxier tests share: Kubernetes' Service CIDR, and a Unix socket in
 * {@code dir} so a node-proxy inside another network namespace still reaches it.
 */
record KernelTestApi(Path dir, ApiServerProcess api, ResourceClient<Service> services,
    ResourceClient<EndpointSlice> slices) implements AutoCloseable {

  static KernelTestApi start(Path dir) throws Exception {
    ApiServerProcess api = new ApiServerProcess(dir, "--service-cluster-ip-range", "10.96.0.0/16",
        "--unix-socket", dir.resolve("api.sock").toString()).start();
    return new KernelTestApi(dir, api, new ResourceClient<>(api.channel(), ResourceKinds.SERVICES),
        new ResourceClient<>(api.channel(), ResourceKinds.ENDPOINT_SLICES));
  }

  /** node-proxy's {@code --api} for this apiserver. */
  String target() {
    return "unix:" + dir.resolve("api.sock");
  }

  @Override
  public void close() throws Exception {
    api.close();
  }
}
