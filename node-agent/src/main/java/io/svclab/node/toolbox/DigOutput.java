package io.svclab.node.toolbox;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * dig's output, as pure functions of the reply: BIND 9.18's layout byte for byte (its record
 * columns: name, then TTL at column 24, class at 32, type at 40, data at 48, reached with tabs,
 * one space where a field already passed its column).
 */
final class DigOutput {
  private DigOutput() {}

  /** The version netshoot's bind-tools prints in dig's banner. */
  static final String VERSION = "9.18.33";

  /** What dig was asked and where it asked it. */
  record Query(List<String> argv, String server, int port, ZonedDateTime when) {}

  /** {@code +short}: the answer section's data, one record a line. */
  static String terse(Message m) {
    StringBuilder b = new StringBuilder();
    for (Record r : m.getSection(Section.ANSWER)) b.append(r.rdataToString()).append('\n');
    return b.toString();
  }

  /** The whole default output: banner, header, sections, statistics. */
  static String full(Query q, DnsExchange.Reply reply) {
    Message m = reply.message();
    Header h = m.getHeader();
    StringBuilder b = new StringBuilder();
    b.append('\n').append("; <<>> DiG ").append(VERSION).append(" <<>> ").append(String.join(" ", q.argv())).append('\n');
    b.append(";; global options: +cmd\n");
    b.append(";; Got answer:\n");
    b.append(";; ->>HEADER<<- opcode: ").append(Opcode.string(h.getOpcode())).append(", status: ")
        .append(Rcode.string(m.getRcode())).append(", id: ").append(h.getID()).append('\n');
    b.append(";; flags:").append(flags(h)).append("; QUERY: ").append(h.getCount(Section.QUESTION))
        .append(", ANSWER: ").append(h.getCount(Section.ANSWER)).append(", AUTHORITY: ")
        .append(h.getCount(Section.AUTHORITY)).append(", ADDITIONAL: ").append(h.getCount(Section.ADDITIONAL))
        .append('\n');
    if (h.getFlag(Flags.RD) && !h.getFlag(Flags.RA)) b.append(";; WARNING: recursion requested but not available\n");
    b.append('\n');
    OPTRecord opt = m.getOPT();
    if (opt != null) {
      b.append(";; OPT PSEUDOSECTION:\n");
      b.append("; EDNS: version: ").append(opt.getVersion()).append(", flags:")
          .append((opt.getFlags() & 0x8000) != 0 ? " do" : "").append("; udp: ").append(opt.getPayloadSize()).append('\n');
    }
    b.append(";; QUESTION SECTION:\n");
    for (Record r : m.getSection(Section.QUESTION)) {
      b.append(columns(List.of(";" + r.getName(), "", "IN", Type.string(r.getType())), true)).append('\n');
    }
    section(b, "ANSWER", m.getSection(Section.ANSWER));
    section(b, "AUTHORITY", m.getSection(Section.AUTHORITY));
    List<Record> additional = new ArrayList<>(m.getSection(Section.ADDITIONAL));
    additional.removeIf(r -> r.getType() == Type.OPT);
    section(b, "ADDITIONAL", additional);
    b.append('\n');
    b.append(";; Query time: ").append(reply.millis()).append(" msec\n");
    b.append(";; SERVER: ").append(q.server()).append('#').append(q.port()).append('(').append(q.server())
        .append(") (UDP)\n");
    b.append(";; WHEN: ").append(WHEN.format(q.when().withZoneSameInstant(ZoneOffset.UTC))).append('\n');
    b.append(";; MSG SIZE  rcvd: ").append(reply.size()).append('\n');
    b.append('\n');
    return b.toString();
  }

  /** dig's lines when no server answered (exit 9). */
  static String unreachable(Query q, int tries) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < tries; i++) {
      b.append(";; communications error to ").append(q.server()).append('#').append(q.port()).append(": timed out\n");
    }
    b.append('\n').append("; <<>> DiG ").append(VERSION).append(" <<>> ").append(String.join(" ", q.argv())).append('\n');
    b.append(";; global options: +cmd\n");
    b.append(";; no servers could be reached\n");
    return b.toString();
  }

  /** One record in BIND's columns: name, TTL, class, type, data. */
  static String record(Record r) {
    return columns(List.of(r.getName().toString(), Long.toString(r.getTTL()), "IN", Type.string(r.getType()),
        r.rdataToString()), false);
  }

  private static final int[] STOPS = {24, 32, 40, 48};
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT);

  /**
   * Fields at BIND's tab stops: each next field starts at its column, reached with tabs, or after
   * one space when the text already passed it. A question has no TTL: its class takes the TTL's column.
   */
  static String columns(List<String> fields, boolean question) {
    StringBuilder b = new StringBuilder();
    int col = 0;
    int stop = 0;
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      if (question && i == 1) {
        stop++;
        continue;
      }
      if (i > 0) {
        int to = STOPS[Math.min(stop++, STOPS.length - 1)];
        if (col >= to) {
          b.append(' ');
          col++;
        } else {
          while (col < to) {
            b.append('\t');
            col = (col / 8 + 1) * 8;
          }
        }
      }
      b.append(f);
      col += f.length();
    }
    return b.toString();
  }

  private static void section(StringBuilder b, String name, List<Record> records) {
    if (records.isEmpty()) return;
    b.append('\n').append(";; ").append(name).append(" SECTION:\n");
    for (Record r : records) b.append(record(r)).append('\n');
  }

  private static String flags(Header h) {
    StringBuilder b = new StringBuilder();
    int[] order = {Flags.QR, Flags.AA, Flags.TC, Flags.RD, Flags.RA, Flags.AD, Flags.CD};
    for (int f : order) if (h.getFlag(f)) b.append(' ').append(Flags.string(f));
    return b.toString();
  }
}
