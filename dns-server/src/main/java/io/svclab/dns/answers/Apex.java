package io.svclab.dns.answers;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;

/** The zone's SOA, as CoreDNS' plugin.SOA builds it. */
public final class Apex {
  private Apex() {}

  public static final long REFRESH = 7200;
  public static final long RETRY = 1800;
  public static final long EXPIRE = 86400;

  /**
   * @param owner the zone name as it appeared in the query (CoreDNS keeps the client's case)
   * @param zone  the zone, lower-case, absolute
   */
  static SOARecord soa(Name owner, String zone, long ttl, long serial) {
    Name ns = Name.fromConstantString("ns.dns." + zone);
    Name mbox = Name.fromConstantString("hostmaster." + zone);
    return new SOARecord(owner, DClass.IN, Math.min(ttl, 300), ns, mbox, serial & 0xffffffffL,
        REFRESH, RETRY, EXPIRE, ttl);
  }
}
