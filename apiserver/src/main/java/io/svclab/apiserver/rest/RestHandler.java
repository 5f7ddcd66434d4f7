package io.svclab.apiserver.rest;

import com.google.protobuf.Message;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.svclab.api.v1.EventType;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.watch.WatchSink;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.apiserver.watch.Watcher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTPS connection: checks the bearer token, hands the request to {@link RestApi} on the
 * request pool, and writes the answer back; a watch keeps the connection and streams one JSON line
 * per event, paced by the channel's writability.
 */
final class RestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(RestHandler.class);
  /** Kubernetes lets anyone read these (system:public-info-viewer). */
  private static final Set<String> PUBLIC = Set.of("version", "healthz", "livez", "readyz");

  private final RestApi api;
  private final byte[] expectedAuthorization;
  private final ExecutorService requests;
  private final KubeletProxy kubelet;
  private final ExecRelay exec;
  private final PortForwardRelay portForward;
  private volatile Watcher watcher;

  RestHandler(RestApi api, String token, ExecutorService requests) {
    this.api = api;
    this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.US_ASCII);
    this.requests = requests;
    this.kubelet = new KubeletProxy(api);
    this.exec = new ExecRelay(api);
    this.portForward = new PortForwardRelay(api);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
    QueryStringDecoder uri = new QueryStringDecoder(http.uri());
    String auth = http.headers().get(HttpHeaderNames.AUTHORIZATION, "");
    RestRequest req = new RestRequest(http.method().name(), uri.path(), uri.parameters(),
        http.headers().get(HttpHeaderNames.ACCEPT, ""), http.headers().get(HttpHeaderNames.CONTENT_TYPE, ""), auth,
        http.headers().get(HttpHeaderNames.USER_AGENT, ""), ByteBufUtil.getBytes(http.content()));
    boolean keepAlive = HttpUtil.isKeepAlive(http);
    RestPath path = RestPath.parse(req.path());
    boolean isPublic = path instanceof RestPath.Document d && PUBLIC.contains(d.name());
    if (!isPublic && !MessageDigest.isEqual(auth.getBytes(StandardCharsets.US_ASCII), expectedAuthorization)) {
      write(ctx.channel(), RestResponse.json(401, StatusErrors.failure(401, "Unauthorized", "Unauthorized")), keepAlive);
      return;
    }
    FullHttpRequest upgrade = path instanceof RestPath.Resource er
        && (isPodSubresource(er, "exec") || isPodSubresource(er, "attach")) ? ExecRelay.headersOf(http) : null;
    FullHttpRequest tunnel = path instanceof RestPath.Resource pr && isPodSubresource(pr, "portforward")
        ? ExecRelay.headersOf(http) : null;
    try {
      requests.execute(() -> {
        if (path instanceof RestPath.Resource r && req.method().equals("GET") && req.flag("watch")) {
          watch(ctx.channel(), req, r, keepAlive, (type, object) -> api.watchEventBytes(req, r.kind(), type, object));
        } else if (path instanceof RestPath.EventsV1 e && req.method().equals("GET") && req.flag("watch")) {
          watch(ctx.channel(), req, e.stored(), keepAlive, (type, object) -> api.eventsV1WatchEvent(req, type, object).getBytes(StandardCharsets.UTF_8));
        } else if (path instanceof RestPath.Resource r && isPodSubresource(r, "log") && req.method().equals("GET")) {
          kubelet.podLog(ctx.channel(), req, r, keepAlive);
        } else if (tunnel != null) {
          portForward.open(ctx.channel(), tunnel, (RestPath.Resource) path, keepAlive);
        } else if (upgrade != null) {
          exec.exec(ctx.channel(), req, upgrade, (RestPath.Resource) path, keepAlive);
        } else {
          RestResponse resp;
          try {
            resp = api.handle(req, path);
          } catch (RuntimeException e) {
            log.warn("{} {} failed", req.method(), req.path(), e);
            ApiException internal = ApiException.internal(e.toString());
            resp = RestResponse.json(500, StatusErrors.status(internal));
          }
          log.debug("{} {} -> {}", req.method(), http.uri(), resp.code());
          write(ctx.channel(), resp, keepAlive);
        }
      });
    } catch (RejectedExecutionException e) {
      write(ctx.channel(), RestResponse.json(429, StatusErrors.failure(429, "TooManyRequests",
          "Too many requests, please try again later.")), keepAlive);
    }
  }

  private static boolean isPodSubresource(RestPath.Resource r, String subresource) {
    return r.kind() == ResourceKinds.PODS && subresource.equals(r.subresource()) && r.namespace() != null
        && r.name() != null;
  }

  static void write(Channel ch, RestResponse resp, boolean keepAlive) {
    byte[] body = resp.body();
    FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(resp.code()),
        Unpooled.wrappedBuffer(body));
    boolean json = resp.jsonBody();
    out.headers().set(HttpHeaderNames.CONTENT_TYPE, resp.contentType() != null ? resp.contentType()
        : json ? "application/json" : "text/plain; charset=utf-8");
    out.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    out.headers().set("Cache-Control", "no-cache, private");
    for (String w : resp.warnings()) {
      out.headers().add("Warning", "299 - \"" + w.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }
    if (keepAlive) {
      out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ch.writeAndFlush(out);
    } else {
      ch.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @SuppressWarnings({"rawtypes"})
  /** How one watch event becomes a line of the stream (the served version's shape). */
  private interface WatchLines {
    byte[] line(String type, Message object);
  }

  private void watch(Channel ch, RestRequest req, RestPath.Resource r, boolean keepAlive, WatchLines lines) {
    AtomicBoolean headerSent = new AtomicBoolean();
    Runnable sendHeader = () -> {
      if (headerSent.compareAndSet(false, true)) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        head.headers().set("Cache-Control", "no-cache, private");
        ch.writeAndFlush(head);
      }
    };
    WatchSink sink = new WatchSink() {
      @Override
      public boolean isReady() {
        return ch.isActive() && ch.isWritable();
      }

      @Override
      public void send(EventType type, Message object) {
        sendHeader.run();
        // the bytes may be shared with other watchers' channels: wrapped read-only, never written to
        ch.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(lines.line(type.name(), object)).asReadOnly()));
      }

      @Override
      public void expired(long requested, long oldest) {
        sendHeader.run();
        ch.write(new DefaultHttpContent(Unpooled.copiedBuffer(RestApi.expiredEvent(requested, oldest),
            StandardCharsets.UTF_8)));
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
      }
    };
    Watcher w;
    try {
      w = api.watch(req, r, sink);
    } catch (ApiException e) {
      if (headerSent.get()) {
        ch.close();
      } else if ("Expired".equals(e.reason())) {
        // kube-apiserver starts the stream and ends it with an ERROR event, so clients relist
        sendHeader.run();
        ch.write(new DefaultHttpContent(Unpooled.copiedBuffer(RestApi.errorEvent(e), StandardCharsets.UTF_8)));
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
      } else {
        write(ch, RestResponse.json(StatusErrors.httpCode(e.reason()), StatusErrors.status(e)), keepAlive);
      }
      return;
    }
    sendHeader.run();
    watcher = w;
    ch.closeFuture().addListener(f -> w.stop());
    long timeout = parseTimeout(req.param("timeoutSeconds"));
    if (timeout > 0) {
      ch.eventLoop().schedule(() -> {
        w.stop();
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
      }, timeout, TimeUnit.SECONDS);
    }
    w.signal();
  }

  private static long parseTimeout(String s) {
    try {
      return s.isEmpty() ? 0 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    Watcher w = watcher;
    if (w != null && ctx.channel().isWritable()) {
      w.signal();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("rest connection closed: {}", cause.toString());
    ctx.close();
  }

}
