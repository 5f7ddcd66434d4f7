import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.*;
import io.svclab.proxy.userspace.UserspaceProxier;
import java.time.*;
import java.util.*;

/** Measurement aid kept with issue-20.md (compile against node-proxy/target/classes): node-proxy's userspace proxier alone, LISTEN_IP:PORT -> BACKEND_IP:PORT, until killed. */
public class ProxyHarness {
  public static void main(String[] a) throws Exception {
    String[] l = a[0].split(":"), b = a[1].split(":");
    Endpoint ep = new Endpoint(b[0], Integer.parseInt(b[1]), "node-1", true, true, false, true);
    ServicePortInfo port = new ServicePortInfo(new ServicePortName("default", "bench", "", "TCP"), l[0], Integer.parseInt(l[1]), "TCP",
        0, List.of(), List.of(), false, false, 0, null, List.of(ep));
    UserspaceProxier p = new UserspaceProxier(List.of("127.0.10.1"), null, new ProxyMetrics(new PrometheusRegistry()),
        Duration.ofSeconds(30), Clock.systemUTC());
    p.apply(new ProxySnapshot(List.of(port), Map.of(), List.of()));
    System.out.println("ready " + ProcessHandle.current().pid());
    Thread.sleep(Long.MAX_VALUE);
  }
}
