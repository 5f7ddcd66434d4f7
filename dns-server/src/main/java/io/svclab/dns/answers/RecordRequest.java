package io.svclab.dns.answers;

import java.util.List;

/**
 * A query name inside the zone taken apart, as CoreDNS' parse.go: {@code
 * [_port._protocol.|endpoint.]service.namespace.(svc|pod)}. Absent parts are "" (service,
 * namespace, endpoint, podOrSvc) or "*" (port, protocol). {@link #INVALID} is a name that
 * cannot exist in the zone (NXDOMAIN).
 */
record RecordRequest(String port, String protocol, String endpoint, String service, String namespace,
    String podOrSvc) {
  static final String SVC = "svc";
  static final String POD = "pod";
  static final RecordRequest INVALID = new RecordRequest("*", "*", "", "", "", "!");
  private static final RecordRequest APEX = new RecordRequest("*", "*", "", "", "", "");

  boolean invalid() {
    return this == INVALID;
  }

  /**
   * @param labels the labels left of the zone, lower-case, leftmost first
   */
  static RecordRequest parse(List<String> labels) {
    // NODATA for the apex, svc.<zone> and pod.<zone>
    if (labels.isEmpty() || (labels.size() == 1 && (labels.get(0).equals(SVC) || labels.get(0).equals(POD)))) {
      return APEX;
    }
    int last = labels.size() - 1;
    String podOrSvc = labels.get(last);
    if (!podOrSvc.equals(POD) && !podOrSvc.equals(SVC)) {
      return INVALID;
    }
    String namespace = labels.get(last - 1);
    if (last - 2 < 0) {
      return new RecordRequest("*", "*", "", "", namespace, podOrSvc);
    }
    String service = labels.get(last - 2);
    return switch (last - 3) {
      case -1 -> new RecordRequest("*", "*", "", service, namespace, podOrSvc);
      case 0 -> new RecordRequest("*", "*", labels.get(0), service, namespace, podOrSvc);
      case 1 -> new RecordRequest(stripUnderscore(labels.get(0)), stripUnderscore(labels.get(1)), "",
          service, namespace, podOrSvc);
      default -> INVALID; // too long to be anything
    };
  }

  private static String stripUnderscore(String s) {
    return s.startsWith("_") ? s.substring(1) : s;
  }
}
