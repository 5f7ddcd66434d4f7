package io.svclab.dns.answers;

/** CoreDNS' {@code pods} option. */
public enum PodMode {
  /** {@code a-b-c-d.ns.pod.zone} answers for any address in an existing namespace (CoreDNS' default in kubeadm). */
  INSECURE,
  /** Only when a pod with that address exists in that namespace. */
  VERIFIED,
  /** No pod records: NXDOMAIN. */
  DISABLED
}
