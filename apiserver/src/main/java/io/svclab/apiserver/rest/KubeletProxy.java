package io.svclab.apiserver.rest;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.streams.PodLogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pods/log} as kube-apiserver serves it: validate, find the pod's node, and relay the
 * kubelet's {@code /containerLogs} answer chunk by chunk (a {@code follow} stays open until the
 * kubelet or the client ends it). Runs on a request-pool thread; each chunk waits for the write,
 * so a slow client slows the read from the kubelet.
 */
final class KubeletProxy {
  private static final Logger log = LoggerFactory.getLogger(KubeletProxy.class);
  private static final int CHUNK = 8192;

  private final RestApi api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  KubeletProxy(RestApi api) {
    this.api = api;
  }

  void podLog(Channel ch, RestRequest req, RestPath.Resource r, boolean keepAlive) {
    Optional<URI> url;
    try {
      PodLogOptions o;
      try {
        o = PodLogOptions.parse(req.query());
      } catch (PodLogOptions.Invalid e) {
        throw ApiException.badRequest(e.getMessage());
      }
      url = api.podLogUrl(r, o);
    } catch (ApiException e) {
      RestHandler.write(ch, RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e)), keepAlive);
      return;
    }
    if (url.isEmpty()) {
      RestHandler.write(ch, new RestResponse(200, "", java.util.List.of()), keepAlive);
      return;
    }
    java.net.http.HttpResponse<InputStream> resp;
    try {
      resp = http.send(HttpRequest.newBuilder(url.get()).GET().build(), BodyHandlers.ofInputStream());
    } catch (IOException e) {
      RestHandler.write(ch, RestResponse.json(500, StatusErrors.failure(500, "InternalError",
          "Get \"" + url.get() + "\": " + e.getMessage())), keepAlive);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ch.close();
      return;
    }
    try (InputStream in = resp.body()) {
      if (resp.statusCode() != 200) {
        RestHandler.write(ch, refusal(resp.statusCode(), in), keepAlive);
        return;
      }
      relay(ch, in, keepAlive);
    } catch (IOException e) {
      log.debug("pods/log {}/{} ended: {}", r.namespace(), r.name(), e.toString());
      ch.close();
    }
  }

  private static void relay(Channel ch, InputStream in, boolean keepAlive) throws IOException {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
    head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    head.headers().set("Cache-Control", "no-cache, private");
    ch.writeAndFlush(head);
    // the client leaving ends the kubelet read too
    ch.closeFuture().addListener(f -> closeQuietly(in));
    byte[] buf = new byte[CHUNK];
    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
      if (!ch.isActive()) {
        return;
      }
      if (n > 0) {
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(buf, 0, n))).awaitUninterruptibly();
      }
    }
    if (keepAlive) {
      ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    } else {
      ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // already closed
    }
  }

  /** A node-agent's refusal (its 400/404 text) as the Kubernetes Status kubectl prints; anything else is internal. */
  static RestResponse refusal(int kubeletCode, InputStream body) throws IOException {
    String message = new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
    String reason = kubeletCode == 404 ? "NotFound" : kubeletCode == 400 ? "BadRequest" : "InternalError";
    return RestResponse.json(StatusErrors.httpCode(reason), StatusErrors.failure(StatusErrors.httpCode(reason), reason, message));
  }
}
