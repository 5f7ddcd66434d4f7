package io.svclab.dns.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.dns.Fixtures;
import io.svclab.dns.answers.AnswerSettings;
import io.svclab.dns.answers.DnsAnswerer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * 100,000 random and mutated packets (80,000 over UDP, 20,000 over TCP), then the server
 * must still answer correctly over both, and its heap (after full GCs) must be back within
 * {@link #HEAP_MARGIN} of the baseline taken before. 127.0.0.1 only, fixed seeds, bounded time.
 */
class DnsServerFuzzTest {
  static DnsServer server;
  static InetSocketAddress address;

  @BeforeAll
  static void start() throws Exception {
    server = tcpServer(Duration.ofSeconds(2), 64);
    address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static final List<byte[]> SEEDS = new ArrayList<>();

  static {
    String[][] qs = {{"svc1.testns.svc.cluster.local.", "A"}, {"_http._tcp.hdls1.testns.svc.cluster.local.", "SRV"},
        {"2.0.0.172.in-addr.arpa.", "PTR"}, {"external.testns.svc.cluster.local.", "A"}, {"cluster.local.", "NS"},
        {"dns-version.cluster.local.", "TXT"}, {"svc0.testns.svc.cluster.local.", "AAAA"}, {"example.com.", "A"}};
    for (String[] q : qs) {
      try {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(q[0]), Type.value(q[1]), DClass.IN));
        SEEDS.add(m.toWire());
        m.addRecord(new OPTRecord(1232, 0, 0, 0), Section.ADDITIONAL);
        SEEDS.add(m.toWire());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static byte[] packet(Random r) {
    int kind = r.nextInt(10);
    if (kind < 3) { // pure noise, 0..600 bytes
      byte[] b = new byte[r.nextInt(600)];
      r.nextBytes(b);
      return b;
    }
    byte[] seed = SEEDS.get(r.nextInt(SEEDS.size()));
    byte[] b;
    if (kind < 5) { // truncated or extended
      b = java.util.Arrays.copyOf(seed, Math.max(0, seed.length + r.nextInt(40) - 30));
      for (int i = seed.length; i < b.length; i++) b[i] = (byte) r.nextInt(256);
    } else {
      b = seed.clone();
    }
    int flips = 1 + r.nextInt(6);
    for (int i = 0; i < flips && b.length > 0; i++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(4)) {
        case 0 -> b[at] = (byte) r.nextInt(256);
        case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 2 -> b[at] = (byte) 0xc0; // compression pointer bait
        default -> b[at] = (byte) (r.nextBoolean() ? 0 : 0xff);
      }
    }
    if (b.length > 3 && r.nextInt(4) == 0) b[2] &= 0x7f; // keep many of them queries
    return b;
  }

  /** Sends {@code count} fuzz packets over UDP, draining replies as it goes; the number of replies. */
  static long fuzzUdp(Random random, int count) throws Exception {
    long replies = 0;
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      socket.setSoTimeout(1);
      byte[] buf = new byte[65535];
      for (int i = 0; i < count; i++) {
        byte[] p = packet(random);
        socket.send(new DatagramPacket(p, p.length, address));
        if (i % 64 == 63) { // drain, so the loopback buffers never fill
          try {
            while (true) {
              socket.receive(new DatagramPacket(buf, buf.length));
              replies++;
            }
          } catch (SocketTimeoutException e) {
            // drained
          }
        }
      }
    }
    return replies;
  }

  /** Sends {@code count} fuzz packets over {@code connections} TCP connections, a few with lying frame lengths. */
  static void fuzzTcp(Random random, int count, int connections) {
    for (int c = 0; c < connections; c++) {
      try (Socket s = new Socket()) {
        s.connect(address, 1000);
        s.setSoTimeout(2000);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        for (int i = 0; i < count / connections; i++) {
          byte[] p = packet(random);
          out.writeShort(p.length);
          out.write(p);
        }
        if (c % 10 == 9) { // and a few frames that lie about their length
          out.writeShort(60000);
          out.write(new byte[100]);
        }
        out.flush();
      } catch (java.io.IOException e) {
        // the server may close a connection that sent garbage; that is allowed
      }
    }
  }

  /**
   * Heap in use after full collections (the server runs in this JVM; the test's own garbage is
   * collected too). The lowest of a few readings, so a collection racing an event loop's last
   * allocations does not count as retained.
   */
  static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      memory.gc();
      Thread.sleep(100);
      lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
    }
    return lowest;
  }

  /** Retained heap beyond the baseline that still counts as "back to baseline": 4 MiB, 42 bytes per packet. */
  static final long HEAP_MARGIN = 4L << 20;

  @Test
  @Timeout(180)
  void survivesAHundredThousandBadPacketsAndStillAnswers() throws Exception {
    // warm-up with other packets, so first-use allocations (classes' statics, Netty's caches,
    // metric label children) are in the baseline rather than counted as growth
    Random warmUp = new Random(7);
    fuzzUdp(warmUp, 5_000);
    fuzzTcp(warmUp, 1_000, 5);
    Thread.sleep(200);
    long baseline = heapAfterGc();

    Random random = new Random(20240608);
    long replies = fuzzUdp(random, 80_000);
    fuzzTcp(random, 20_000, 40);
    assertThat(replies).as("the server replied to some UDP packets while fuzzed").isPositive();

    // still answering, correctly, over UDP and TCP
    Message query = Message.newQuery(Record.newRecord(Name.fromString("svc1.testns.svc.cluster.local."), Type.A, DClass.IN));
    byte[] wire = query.toWire();
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(2000);
      socket.send(new DatagramPacket(wire, wire.length, address));
      byte[] buf = new byte[2048];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      Message m;
      do { // skip any late replies to fuzz packets
        socket.receive(reply);
        m = new Message(java.util.Arrays.copyOf(buf, reply.getLength()));
      } while (m.getHeader().getID() != query.getHeader().getID());
      assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(m.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("10.0.0.1");
    }
    try (Socket s = new Socket()) {
      s.connect(address, 10_000);
      s.setSoTimeout(60_000);
      assertThat(tcpQuery(s).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("10.0.0.1");
    }

    // and the heap is back to its baseline: nothing of the 100,000 packets is retained
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      long after = heapAfterGc();
      System.out.printf("fuzz: heap after GC %.1f MiB before, %.1f MiB after 100,000 packets (%d UDP replies)%n",
          baseline / 1048576.0, after / 1048576.0, replies);
      assertThat(after - baseline).as("heap growth after 100,000 fuzz packets, bytes").isLessThan(HEAP_MARGIN);
    });
  }

  /**
   * A server on a free loopback port with its own index. Its reply cache is small: bounded by
   * design (see AnswerCacheTest), and kept small here so the heap check measures leaks, not a full
   * cache of fuzzed queries. The TCP tests each start their own, so the fuzz server's 2 s idle
   * timeout cannot close connections mid-count.
   */
  private static DnsServer tcpServer(Duration idle, int cap) throws InterruptedException {
    var index = Fixtures.coreDnsIndex();
    QueryCodec codec = new QueryCodec(new DnsAnswerer(() -> index, AnswerSettings.defaults()), 1_000);
    return new DnsServer(codec, null, new DnsMetrics(new PrometheusRegistry(), "dns://127.0.0.1:0"), idle, cap)
        .start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @Test
  @Timeout(120)
  void theSixtyFifthTcpConnectionIsClosedAndTheFirstSixtyFourAreStillServed() throws Exception {
    DnsServer capped = tcpServer(Duration.ofMinutes(10), 64);
    InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), capped.port());
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        Socket s = new Socket();
        s.connect(at, 10_000);
        sockets.add(s);
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> capped.tcpConnections() == 64);

      Socket extra = new Socket();
      sockets.add(extra);
      boolean refusedOrClosed;
      try {
        extra.connect(at, 10_000);
        extra.setSoTimeout(60_000);
        refusedOrClosed = extra.getInputStream().read() == -1; // closed by the server, nothing sent
      } catch (java.net.SocketException e) {
        refusedOrClosed = true; // refused, or reset by the server
      }
      assertThat(refusedOrClosed).as("the 65th connection is refused or closed").isTrue();
      // the 65th was counted for a moment and dropped again: back to exactly the cap
      await().atMost(Duration.ofSeconds(60)).until(() -> capped.tcpConnections() == 64);

      // the 64 held connections are intact: the first and the last still get answers
      for (Socket held : List.of(sockets.get(0), sockets.get(63))) {
        held.setSoTimeout(60_000);
        assertThat(tcpQuery(held).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("10.0.0.1");
      }
      // and a slot freed is a slot the next client gets
      sockets.get(1).close();
      await().atMost(Duration.ofSeconds(60)).until(() -> capped.tcpConnections() == 63);
      Socket next = new Socket();
      sockets.add(next);
      next.connect(at, 10_000);
      next.setSoTimeout(60_000);
      assertThat(tcpQuery(next).getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("10.0.0.1");
    } finally {
      for (Socket s : sockets) s.close();
      capped.close();
    }
  }

  @Test
  @Timeout(120)
  void anIdleTcpConnectionIsClosedByTheServer() throws Exception {
    DnsServer idling = tcpServer(Duration.ofMillis(500), 64);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), idling.port()), 10_000);
      s.setSoTimeout(60_000); // far beyond the 500 ms idle timeout; a read that times out fails the test
      assertThat(s.getInputStream().read()).as("EOF from the server after the idle timeout").isEqualTo(-1);
      await().atMost(Duration.ofSeconds(60)).until(() -> idling.tcpConnections() == 0);
    } finally {
      idling.close();
    }
  }

  private static Message tcpQuery(Socket s) throws Exception {
    byte[] wire = Message.newQuery(Record.newRecord(Name.fromString("svc1.testns.svc.cluster.local."), Type.A,
        DClass.IN)).toWire();
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(wire.length);
    out.write(wire);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] b = new byte[in.readUnsignedShort()];
    in.readFully(b);
    return new Message(b);
  }
}
