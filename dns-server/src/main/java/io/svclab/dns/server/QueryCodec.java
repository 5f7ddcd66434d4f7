package io.svclab.dns.server;

import io.svclab.dns.answers.DnsAnswerer;
import io.svclab.dns.answers.Outcome;
import io.svclab.dns.records.RecordIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Bytes in, bytes out, still no I/O: the wire rules of CoreDNS' server (miekg/dns'
 * defaultMsgAcceptFunc, edns.Version, request.SizeAndDo, Truncate) around the
 * {@link DnsAnswerer}.
 * <ul>
 *   <li>shorter than a header, or a response (QR): dropped;</li>
 *   <li>opcode other than QUERY: NOTIMP; not exactly one question, more than one answer or
 *       authority record, more than two additional: FORMERR; anything dnsjava cannot parse:
 *       FORMERR (header-only replies, as miekg/dns);</li>
 *   <li>EDNS version other than 0: BADVERS; an EDNS query gets an OPT back advertising
 *       {@code udpBufferSize} (1232), with the DO bit echoed;</li>
 *   <li>UDP answers fit in max(512, min(client buffer, 1232)) bytes (512 without EDNS):
 *       additional records go first, then answer records, and TC is set.</li>
 * </ul>
 * Finished replies are kept in an {@link AnswerCache}: a query whose bytes (but the ID) were
 * answered before gets the same bytes back without a parse, while no change touched what
 * that answer read.
 */
public final class QueryCodec {
  public static final int HEADER = 12;
  public static final int MAX_TCP = 65535;
  public static final int NO_EDNS_UDP = 512;

  public enum Transport { UDP, TCP }

  /** What to do with one packet. */
  public sealed interface Result {}

  public record Respond(byte[] wire, int rcode, int qtype, String zone, boolean forwarded) implements Result {}

  public record Drop() implements Result {}

  /** Ask the upstream; {@link #fromUpstream} turns its reply into the client's. */
  public record Forward(Message query, int qtype) implements Result {}

  private static final Drop DROP = new Drop();

  /** Default number of cached replies (about 300 bytes each). */
  public static final int DEFAULT_CACHE_ENTRIES = 32_768;

  private final DnsAnswerer answerer;
  private final int udpBuffer;
  private final AnswerCache cache;
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();

  public QueryCodec(DnsAnswerer answerer) {
    this(answerer, DEFAULT_CACHE_ENTRIES);
  }

  /** @param cacheEntries replies kept, see {@link AnswerCache}; 0 turns the cache off */
  public QueryCodec(DnsAnswerer answerer, int cacheEntries) {
    this.answerer = answerer;
    this.udpBuffer = answerer.settings().udpBufferSize();
    this.cache = new AnswerCache(cacheEntries);
  }

  /** Replies cached (some may be stale, dropped when next asked). */
  public int cachedReplies() {
    return cache.size();
  }

  /** Cached replies dropped because a change touched a name they read. */
  public long cacheDropped() {
    return cache.dropped();
  }

  /** Queries answered from the reply cache so far. */
  public long cacheHits() {
    return cacheHits.sum();
  }

  /** Well-formed queries that were not in the reply cache so far. */
  public long cacheMisses() {
    return cacheMisses.sum();
  }

  public Result handle(byte[] packet, Transport transport) {
    if (packet.length < HEADER) {
      return DROP;
    }
    int id = ((packet[0] & 0xff) << 8) | (packet[1] & 0xff);
    int flags = ((packet[2] & 0xff) << 8) | (packet[3] & 0xff);
    if ((flags & 0x8000) != 0) {
      return DROP; // a response: never answer one (no reflection loops)
    }
    int opcode = (flags >> 11) & 0xf;
    int qd = u16(packet, 4);
    int an = u16(packet, 6);
    int ns = u16(packet, 8);
    int ar = u16(packet, 10);
    if (opcode != Opcode.QUERY) {
      return headerOnly(id, opcode, flags, Rcode.NOTIMP);
    }
    if (qd != 1 || an > 1 || ns > 1 || ar > 2) {
      return headerOnly(id, opcode, flags, Rcode.FORMERR);
    }
    RecordIndex index = answerer.index();
    AnswerCache.Key key = null;
    if (cache.enabled()) {
      key = AnswerCache.key(packet, transport);
      AnswerCache.Entry cached = cache.get(key, index);
      if (cached != null) {
        cacheHits.increment();
        return cached.respond(id, index.serial());
      }
    }
    cacheMisses.increment();
    Message query;
    try {
      query = new Message(packet);
    } catch (Exception | StackOverflowError e) {
      return headerOnly(id, opcode, flags, Rcode.FORMERR);
    }
    Record question = query.getQuestion();
    if (question == null) {
      return headerOnly(id, opcode, flags, Rcode.FORMERR);
    }
    OPTRecord opt = query.getOPT();
    int qtype = question.getType();
    if (opt != null && opt.getVersion() != 0) {
      Message m = new Message(id);
      m.getHeader().setFlag(Flags.QR);
      if (query.getHeader().getFlag(Flags.RD)) m.getHeader().setFlag(Flags.RD);
      m.addRecord(question, Section.QUESTION);
      // BADVERS = 16: upper eight bits in the OPT, lower four (0) in the header
      m.addRecord(new OPTRecord(udpBuffer, Rcode.BADVERS >> 4, 0, 0), Section.ADDITIONAL);
      return new Respond(m.toWire(), Rcode.BADVERS, qtype, answerer.zoneOf(question.getName()), false);
    }
    Outcome outcome;
    try {
      outcome = answerer.answer(query, index);
    } catch (RuntimeException e) {
      Message m = new Message(id);
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setRcode(Rcode.SERVFAIL);
      m.addRecord(question, Section.QUESTION);
      return finish(m, query, transport, qtype, false);
    }
    if (outcome instanceof Outcome.Forward) {
      return new Forward(query, qtype);
    }
    Outcome.Reply answered = (Outcome.Reply) outcome;
    Respond reply = finish(answered.message(), query, transport, qtype, false);
    if (key != null) {
      cache.put(key, reply, answered.reads(), index);
    }
    return reply;
  }

  /** The client's reply from the upstream's (null upstream reply: SERVFAIL). */
  public Respond fromUpstream(Message query, Message upstreamReply, Transport transport) {
    int qtype = query.getQuestion().getType();
    Message m;
    if (upstreamReply == null) {
      m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      if (query.getHeader().getFlag(Flags.RD)) m.getHeader().setFlag(Flags.RD);
      m.getHeader().setRcode(Rcode.SERVFAIL);
      m.addRecord(query.getQuestion(), Section.QUESTION);
    } else {
      m = upstreamReply;
      m.getHeader().setID(query.getHeader().getID());
      m.removeAllRecords(Section.QUESTION);
      m.addRecord(query.getQuestion(), Section.QUESTION); // the client's case, as sent
      List<Record> extra = new ArrayList<>(m.getSection(Section.ADDITIONAL));
      m.removeAllRecords(Section.ADDITIONAL);
      extra.stream().filter(r -> !(r instanceof OPTRecord)).forEach(r -> m.addRecord(r, Section.ADDITIONAL));
    }
    return finish(m, query, transport, qtype, true);
  }

  private Respond finish(Message reply, Message query, Transport transport, int qtype, boolean forwarded) {
    OPTRecord opt = query.getOPT();
    int limit;
    if (transport == Transport.TCP) {
      limit = MAX_TCP;
    } else if (opt == null) {
      limit = NO_EDNS_UDP;
    } else {
      limit = Math.max(NO_EDNS_UDP, Math.min(opt.getPayloadSize(), udpBuffer));
    }
    if (opt != null) {
      int doFlag = (opt.getFlags() & ExtendedFlags.DO) != 0 ? ExtendedFlags.DO : 0;
      reply.addRecord(new OPTRecord(udpBuffer, 0, 0, doFlag), Section.ADDITIONAL);
    }
    byte[] wire = fit(reply, limit);
    return new Respond(wire, reply.getRcode(), qtype, answerer.zoneOf(query.getQuestion().getName()), forwarded);
  }

  /**
   * The reply within {@code limit} bytes: first without its additional records (the OPT
   * stays), then with as many answer records as fit and TC set.
   */
  static byte[] fit(Message m, int limit) {
    byte[] wire = m.toWire();
    if (wire.length <= limit) {
      return wire;
    }
    List<Record> additional = new ArrayList<>(m.getSection(Section.ADDITIONAL));
    m.removeAllRecords(Section.ADDITIONAL);
    additional.stream().filter(r -> r instanceof OPTRecord).forEach(r -> m.addRecord(r, Section.ADDITIONAL));
    wire = m.toWire();
    if (wire.length <= limit) {
      return wire;
    }
    List<Record> answers = new ArrayList<>(m.getSection(Section.ANSWER));
    m.removeAllRecords(Section.AUTHORITY); // a truncated reply is retried over TCP anyway
    m.getHeader().setFlag(Flags.TC);
    int lo = 0;
    int hi = answers.size();
    byte[] best = null;
    while (lo <= hi) { // the most answer records that fit
      int mid = (lo + hi) >>> 1;
      m.removeAllRecords(Section.ANSWER);
      answers.subList(0, mid).forEach(r -> m.addRecord(r, Section.ANSWER));
      byte[] w = m.toWire();
      if (w.length <= limit) {
        best = w;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (best == null) {
      m.removeAllRecords(Section.ANSWER);
      m.removeAllRecords(Section.ADDITIONAL);
      best = m.toWire();
    }
    return best;
  }

  private static Respond headerOnly(int id, int opcode, int queryFlags, int rcode) {
    byte[] out = new byte[HEADER];
    out[0] = (byte) (id >> 8);
    out[1] = (byte) id;
    int flags = 0x8000 | (opcode << 11) | (queryFlags & 0x0100) /* RD */ | rcode;
    out[2] = (byte) (flags >> 8);
    out[3] = (byte) flags;
    return new Respond(out, rcode, -1, ".", false);
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }
}
