package io.svclab.dns.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * CoreDNS' metrics plugin names and labels: {@code coredns_dns_requests_total{server,zone,
 * view,proto,family,type}}, {@code coredns_dns_responses_total{server,zone,view,rcode,plugin}}
 * and {@code coredns_dns_request_duration_seconds{server,zone,view,type}} (buckets 0.25 ms
 * doubling to 8.192 s).
 */
public final class DnsMetrics {
  private static final Set<Integer> MONITORED = Set.of(Type.A, Type.AAAA, Type.MX, Type.SOA, Type.CNAME, Type.PTR,
      Type.TXT, Type.NS, Type.SRV, Type.DS, Type.DNSKEY, Type.RRSIG, Type.NSEC, Type.NSEC3, Type.HTTPS, Type.IXFR,
      Type.AXFR, Type.ANY);

  private final Counter requests;
  private final Counter responses;
  private final Histogram duration;
  private final String server;

  public DnsMetrics(PrometheusRegistry registry, String server) {
    this.server = server;
    requests = Counter.builder().name("coredns_dns_requests")
        .help("Counter of DNS requests made per zone, protocol and family.")
        .labelNames("server", "zone", "view", "proto", "family", "type").register(registry);
    responses = Counter.builder().name("coredns_dns_responses")
        .help("Counter of response status codes.")
        .labelNames("server", "zone", "view", "rcode", "plugin").register(registry);
    double[] buckets = new double[16];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = 0.00025 * Math.pow(2, i);
    }
    duration = Histogram.builder().name("coredns_dns_request_duration_seconds")
        .help("Histogram of the time (in seconds) each request took per zone.")
        .classicOnly().classicUpperBounds(buckets)
        .labelNames("server", "zone", "view", "type").register(registry);
  }

  /**
   * svclab's own: {@code svclab_dns_reply_cache_hits_total}, {@code _misses_total}, {@code _dropped_total} and
   * {@code svclab_dns_reply_cache_entries} of the server's {@link AnswerCache}.
   */
  public void watchCache(PrometheusRegistry registry, QueryCodec codec) {
    CounterWithCallback.builder().name("svclab_dns_reply_cache_hits")
        .help("Queries answered from the reply cache.").labelNames("server")
        .callback(cb -> cb.call(codec.cacheHits(), server)).register(registry);
    CounterWithCallback.builder().name("svclab_dns_reply_cache_misses")
        .help("Well-formed queries not in the reply cache.").labelNames("server")
        .callback(cb -> cb.call(codec.cacheMisses(), server)).register(registry);
    CounterWithCallback.builder().name("svclab_dns_reply_cache_dropped")
        .help("Cached replies dropped because a change touched a name they read.").labelNames("server")
        .callback(cb -> cb.call(codec.cacheDropped(), server)).register(registry);
    GaugeWithCallback.builder().name("svclab_dns_reply_cache_entries")
        .help("Replies cached.").labelNames("server")
        .callback(cb -> cb.call(codec.cachedReplies(), server)).register(registry);
  }

  public void observe(QueryCodec.Respond r, QueryCodec.Transport transport, boolean v6, long startedNanos) {
    String type = typeLabel(r.qtype());
    String zone = r.zone();
    requests.labelValues(server, zone, "", transport == QueryCodec.Transport.UDP ? "udp" : "tcp", v6 ? "2" : "1", type)
        .inc();
    String plugin = r.forwarded() ? "forward" : r.qtype() < 0 ? "" : "kubernetes";
    responses.labelValues(server, zone, "", rcodeLabel(r.rcode()), plugin).inc();
    duration.labelValues(server, zone, "", type).observe((System.nanoTime() - startedNanos) / 1e9);
  }

  static String typeLabel(int qtype) {
    return qtype >= 0 && MONITORED.contains(qtype) ? Type.string(qtype) : "other";
  }

  static String rcodeLabel(int rcode) {
    return Rcode.string(rcode);
  }
}
