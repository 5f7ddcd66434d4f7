package io.svclab.dns.server;

import io.svclab.dns.answers.Apex;

/**
 * The SOA serial inside a rendered reply. A negative reply's SOA carries the index's serial
 * (the time of the last change); the cache finds where it sits and writes the current one at
 * send time, so the reply does not depend on the serial. Found by its rdata tail (serial,
 * refresh, retry and expire: {@link Apex}'s, plugin.SOA's constants), searched from the end,
 * where the authority section is; not found: the reply keeps depending on the serial.
 */
final class SoaSerial {
  private SoaSerial() {}

  private static final long[] AFTER_SERIAL = {Apex.REFRESH, Apex.RETRY, Apex.EXPIRE};

  /** The offset of the 4-byte {@code serial} followed by refresh, retry and expire in {@code wire}; -1 if absent. */
  static int find(byte[] wire, long serial) {
    for (int at = wire.length - 16; at >= 12; at--) {
      if (u32(wire, at) == (serial & 0xffffffffL) && u32(wire, at + 4) == AFTER_SERIAL[0]
          && u32(wire, at + 8) == AFTER_SERIAL[1] && u32(wire, at + 12) == AFTER_SERIAL[2]) {
        return at;
      }
    }
    return -1;
  }

  static void write(byte[] wire, int at, long serial) {
    wire[at] = (byte) (serial >>> 24);
    wire[at + 1] = (byte) (serial >>> 16);
    wire[at + 2] = (byte) (serial >>> 8);
    wire[at + 3] = (byte) serial;
  }

  private static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
  }
}
