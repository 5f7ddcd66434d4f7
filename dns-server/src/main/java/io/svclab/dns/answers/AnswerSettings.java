package io.svclab.dns.answers;

import java.util.List;
import java.util.Locale;

/**
 * How the answerer is configured.
 *
 * @param zone           the cluster domain with a trailing dot, e.g. {@code cluster.local.}
 * @param ttl            TTL of every record (CoreDNS' {@code ttl}, default 5), also the SOA minimum
 * @param podMode        {@code pods insecure|verified|disabled}
 * @param nsAddresses    the addresses of {@code ns.dns.<zone>} when kube-system/kube-dns has none
 * @param upstream       whether names outside the zones (and reverse misses) may be forwarded
 * @param udpBufferSize  the EDNS0 buffer this server advertises and caps UDP answers at (1232)
 */
public record AnswerSettings(String zone, long ttl, PodMode podMode, List<String> nsAddresses,
    boolean upstream, int udpBufferSize) {
  public static final int DEFAULT_UDP_BUFFER = 1232;

  public AnswerSettings {
    zone = zone.toLowerCase(Locale.ROOT);
    if (!zone.endsWith(".")) zone = zone + ".";
    nsAddresses = List.copyOf(nsAddresses);
  }

  public static AnswerSettings defaults() {
    return new AnswerSettings("cluster.local.", 5, PodMode.INSECURE, List.of("127.0.0.1"), false, DEFAULT_UDP_BUFFER);
  }

  public AnswerSettings withUpstream(boolean on) {
    return new AnswerSettings(zone, ttl, podMode, nsAddresses, on, udpBufferSize);
  }

  public AnswerSettings withPodMode(PodMode mode) {
    return new AnswerSettings(zone, ttl, mode, nsAddresses, upstream, udpBufferSize);
  }

  /** The zones served: the cluster domain and the two reverse trees (kubeadm's Corefile). */
  public List<String> zones() {
    return List.of(zone, ReverseNames.V4_SUFFIX, ReverseNames.V6_SUFFIX);
  }
}
