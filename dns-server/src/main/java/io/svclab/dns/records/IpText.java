package io.svclab.dns.records;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literals without DNS lookups: parse only numeric forms, format IPv6 fully expanded. */
public final class IpText {
  private IpText() {}

  /** 4 or 16 bytes, or null when {@code text} is not an IP literal. Never resolves names. */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') >= 0) {
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
          return null;
        }
      }
      try {
        byte[] b = InetAddress.getByName(text).getAddress(); // literal: no lookup happens
        return b.length == 16 ? b : null;
      } catch (UnknownHostException e) {
        return null;
      }
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3) {
        return null;
      }
      int v = 0;
      for (int j = 0; j < p.length(); j++) {
        char c = p.charAt(j);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      if (v > 255) {
        return null;
      }
      b[i] = (byte) v;
    }
    return b;
  }

  /** Dotted quad, or eight groups of four hex digits. */
  public static String format(byte[] raw) {
    StringBuilder sb = new StringBuilder(raw.length == 4 ? 15 : 39);
    if (raw.length == 4) {
      for (int i = 0; i < 4; i++) {
        if (i > 0) sb.append('.');
        sb.append(raw[i] & 0xff);
      }
      return sb.toString();
    }
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) sb.append(':');
      sb.append(String.format("%04x", ((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff)));
    }
    return sb.toString();
  }
}
