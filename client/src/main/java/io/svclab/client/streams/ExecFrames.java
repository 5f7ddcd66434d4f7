package io.svclab.client.streams;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The node-agent's {@code /exec} answer body, svclab's own framing for the apiserver -> node-agent
 * hop: frames of {@code [channel:1][length:4, big-endian][payload]}, channels numbered as
 * Kubernetes' remotecommand streams (1 stdout, 2 stderr, 3 error). The last frame is on channel 3
 * and carries the exit code as decimal text ({@code "0"} for success). The request body of an
 * exec with stdin carries the client's frames the same way (0 stdin, 4 resize, 255 close).
 */
public final class ExecFrames {
  private ExecFrames() {}

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int ERROR = 3;
  public static final int RESIZE = 4;
  /** v5.channel.k8s.io: the client closes one of its streams (payload: the stream's channel). */
  public static final int CLOSE = 255;
  /** A frame longer than this is refused as corrupt. */
  public static final int MAX_PAYLOAD = 1 << 20;

  public record Frame(int channel, byte[] payload) {}

  public static byte[] encode(int channel, byte[] payload) {
    return ByteBuffer.allocate(5 + payload.length).put((byte) channel).putInt(payload.length).put(payload).array();
  }

  /**
   * The next whole frame at {@code buf}'s position (which it then passes), or null while the bytes
   * there are still a part of one (the position stays): for readers fed in pieces.
   */
  public static Frame next(ByteBuffer buf) throws IOException {
    if (buf.remaining() < 5) {
      return null;
    }
    int at = buf.position();
    int channel = buf.get(at) & 0xff;
    int length = buf.getInt(at + 1);
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IOException("exec frame of " + length + " bytes refused");
    }
    if (buf.remaining() < 5 + length) {
      return null;
    }
    byte[] payload = new byte[length];
    buf.position(at + 5);
    buf.get(payload);
    return new Frame(channel, payload);
  }

  /** The next frame, or null at a clean end of stream (between frames). */
  public static Frame read(InputStream in) throws IOException {
    int channel = in.read();
    if (channel < 0) {
      return null;
    }
    DataInputStream d = new DataInputStream(in);
    int length;
    try {
      length = d.readInt();
    } catch (EOFException e) {
      throw new IOException("exec stream ended inside a frame header");
    }
    if (length < 0 || length > MAX_PAYLOAD) {
      throw new IOException("exec frame of " + length + " bytes refused");
    }
    byte[] payload = new byte[length];
    d.readFully(payload);
    return new Frame(channel, payload);
  }
}
