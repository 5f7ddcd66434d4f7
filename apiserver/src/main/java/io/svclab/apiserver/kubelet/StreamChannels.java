package io.svclab.apiserver.kubelet;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code channel.k8s.io} WebSocket framing kubectl speaks for exec: every binary message is one
 * byte naming the stream (0 stdin, 1 stdout, 2 stderr, 3 error, 4 resize; 255 close in v5) and the
 * stream's bytes.
 */
public final class StreamChannels {
  private StreamChannels() {}

  /** The subprotocols the apiserver accepts, most preferred first (Netty picks the first the client offers). */
  public static final List<String> PROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");

  /** One stream's bytes as a message body. */
  public static byte[] message(int channel, byte[] payload) {
    byte[] m = new byte[payload.length + 1];
    m[0] = (byte) channel;
    System.arraycopy(payload, 0, m, 1, payload.length);
    return m;
  }

  /** A message a client sent: the stream and its bytes; an empty message names no stream. */
  public record Message(int channel, byte[] payload) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Message m && m.channel == channel && Arrays.equals(m.payload, payload);
    }

    @Override
    public int hashCode() {
      return 31 * channel + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
      return "Message[" + channel + ", " + Arrays.toString(payload) + "]";
    }
  }

  public static Message read(byte[] message) {
    if (message.length == 0) {
      return new Message(-1, new byte[0]);
    }
    return new Message(message[0] & 0xff, Arrays.copyOfRange(message, 1, message.length));
  }
}
