package io.svclab.node.toolbox;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 request and its response over a blocking socket, framed by Netty's
 * {@link HttpClientCodec} (in an {@link EmbeddedChannel}): curl's and wget's transport.
 */
final class HttpExchange {
  private HttpExchange() {}

  /** A response as received: status line parts, headers in order, body bytes. */
  record Response(int status, String reason, String version, List<Map.Entry<String, String>> headers, byte[] body) {}

  /** The connection ended before a response: nothing at all ({@code empty}), or mid-way. */
  static final class Broken extends IOException {
    final boolean empty;

    Broken(boolean empty, String message) {
      super(message);
      this.empty = empty;
    }
  }

  static FullHttpRequest request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body) {
    FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), target,
        Unpooled.wrappedBuffer(body));
    headers.forEach(h -> req.headers().add(h.getKey(), h.getValue()));
    return req;
  }

  /** Sends {@code req} and reads the response until its end (or the connection's), within the socket's timeout. */
  static Response exchange(Socket socket, FullHttpRequest req, boolean head) throws IOException {
    EmbeddedChannel ch = new EmbeddedChannel(new HttpClientCodec());
    try {
      ch.writeOutbound(req);
      OutputStream out = socket.getOutputStream();
      for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
        try {
          out.write(ByteBufUtil.getBytes(b));
        } finally {
          b.release();
        }
      }
      out.flush();
      InputStream in = socket.getInputStream();
      HttpResponse response = null;
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      boolean received = false;
      while (true) {
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          throw e;
        } catch (IOException e) {
          throw new Broken(!received, "Connection reset by peer");
        }
        if (n < 0) {
          ch.finish();
        } else {
          received = true;
          ch.writeInbound(Unpooled.wrappedBuffer(buf, 0, n).copy());
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
          if (o instanceof HttpResponse r) response = r;
          if (o instanceof HttpContent c) {
            c.content().readBytes(body, c.content().readableBytes());
            boolean last = c instanceof LastHttpContent;
            c.release();
            if (last && response != null) return done(response, body);
          }
        }
        if (head && response != null) return done(response, body);
        if (n < 0) {
          if (response != null) return done(response, body);
          throw new Broken(!received, received ? "Connection died" : "Empty reply from server");
        }
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static Response done(HttpResponse r, ByteArrayOutputStream body) {
    List<Map.Entry<String, String>> headers = r.headers().entries().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    return new Response(r.status().code(), r.status().reasonPhrase(), r.protocolVersion().text(), headers,
        body.toByteArray());
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
