package io.svclab.node.images;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.svclab.node.images.NettyServers.HttpApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** The HTTP behaviour of each built-in server. */
public final class HttpApps {
  private HttpApps() {}

  /** nginx's own index.html (1.19 and later add the color-scheme line). */
  public static String nginxIndex(String version) {
    boolean modern = compareVersions(version, "1.19") >= 0;
    return "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\n"
        + (modern ? "html { color-scheme: light dark; }\n" : "")
        + "body { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n"
        + "</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n"
        + "<p>If you see this page, the nginx web server is successfully installed and\n"
        + "working. Further configuration is required.</p>\n\n"
        + "<p>For online documentation and support please refer to\n"
        + "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
        + "Commercial support is available at\n"
        + "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n\n"
        + "<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n";
  }

  public static final String NGINX_50X = "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n<style>\n"
      + "html { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\n"
      + "font-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n"
      + "<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\n"
      + "Please try again later.</p>\n<p>If you are the system administrator of this resource then you should check\n"
      + "the error log for details.</p>\n<p><em>Faithfully yours, nginx.</em></p>\n</body>\n</html>\n";

  public static final String HTTPD_INDEX = "<html><body><h1>It works!</h1></body></html>\n";

  /** nginx's full version for a tag: {@code 1.25} is 1.25.5, {@code latest} the newest mainline. */
  public static String nginxVersion(String tag) {
    return switch (tag) {
      case "1.25" -> "1.25.5";
      case "1.24" -> "1.24.0";
      case "1.26" -> "1.26.2";
      case "1.27" -> "1.27.3";
      case "1.14" -> "1.14.2";
      default -> tag.matches("\\d+\\.\\d+(\\.\\d+)?") ? tag : "1.27.3";
    };
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parse(x[i]) : 0;
      int q = i < y.length ? parse(y[i]) : 0;
      if (p != q) return Integer.compare(p, q);
    }
    return 0;
  }

  private static int parse(String s) {
    try {
      return Integer.parseInt(s.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);

  static String httpDate(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    if (contentType != null) r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
    return r;
  }

  static FullHttpResponse text(HttpResponseStatus status, String body) {
    return response(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  /** A static file server with nginx's or Apache's face: document root, index, error pages, access log. */
  public static final class StaticFiles implements HttpApp {
    private final Path docroot;
    private final String server;
    private final boolean apache;
    private final Consumer<String> log;
    private final Clock clock;

    public StaticFiles(Path docroot, String server, boolean apache, Consumer<String> log, Clock clock) {
      this.docroot = docroot.toAbsolutePath().normalize();
      this.server = server;
      this.apache = apache;
      this.log = log;
      this.clock = clock;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest req, InetSocketAddress remote, InetSocketAddress local) {
      FullHttpResponse resp = serve(req);
      Instant now = clock.instant();
      resp.headers().set(HttpHeaderNames.SERVER, server);
      resp.headers().set(HttpHeaderNames.DATE, httpDate(now));
      int size = req.method().equals(HttpMethod.HEAD) ? 0 : resp.content().readableBytes();
      if (req.method().equals(HttpMethod.HEAD)) {
        int len = resp.content().readableBytes();
        resp.content().clear();
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, len);
      }
      String when = LOG_TIME.format(ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
      String request = req.method() + " " + req.uri() + " " + req.protocolVersion().text();
      if (apache) {
        log.accept(remote.getAddress().getHostAddress() + " - - [" + when + "] \"" + request + "\" "
            + resp.status().code() + " " + (size == 0 ? "-" : size));
      } else {
        log.accept(remote.getAddress().getHostAddress() + " - - [" + when + "] \"" + request + "\" "
            + resp.status().code() + " " + size + " \"" + header(req, "Referer") + "\" \""
            + header(req, "User-Agent") + "\" \"" + header(req, "X-Forwarded-For") + "\"");
      }
      return resp;
    }

    private static String header(FullHttpRequest req, String name) {
      String v = req.headers().get(name);
      return v == null ? "-" : v;
    }

    private FullHttpResponse serve(FullHttpRequest req) {
      if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
        return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 Not Allowed");
      }
      String path = new QueryStringDecoder(req.uri()).path();
      path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
      Path file = docroot.resolve(path.replaceFirst("^/+", "")).normalize();
      if (!file.startsWith(docroot)) {
        return error(HttpResponseStatus.BAD_REQUEST, "400 Bad Request");
      }
      if (Files.isDirectory(file)) {
        if (!path.endsWith("/")) {
          FullHttpResponse r = error(HttpResponseStatus.MOVED_PERMANENTLY, "301 Moved Permanently");
          r.headers().set(HttpHeaderNames.LOCATION, path + "/");
          return r;
        }
        Path index = file.resolve(apache ? "index.html" : "index.html");
        if (!Files.isRegularFile(index)) {
          return error(HttpResponseStatus.FORBIDDEN, "403 Forbidden");
        }
        file = index;
      }
      if (!Files.isRegularFile(file)) {
        return error(HttpResponseStatus.NOT_FOUND, "404 Not Found");
      }
      try {
        byte[] body = Files.readAllBytes(file);
        FullHttpResponse r = response(HttpResponseStatus.OK, contentType(file), body);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        r.headers().set(HttpHeaderNames.LAST_MODIFIED, httpDate(modified));
        r.headers().set(HttpHeaderNames.ETAG, "\"" + Long.toHexString(modified.getEpochSecond()) + "-"
            + Long.toHexString(body.length) + "\"");
        r.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        return r;
      } catch (IOException e) {
        return error(HttpResponseStatus.FORBIDDEN, "403 Forbidden");
      }
    }

    private FullHttpResponse error(HttpResponseStatus status, String title) {
      String body;
      if (apache) {
        body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + title
            + "</title>\n</head><body>\n<h1>" + title.substring(4) + "</h1>\n"
            + "<p>The requested URL was not found on this server.</p>\n</body></html>\n";
      } else {
        body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
            + "</h1></center>\r\n<hr><center>" + server + "</center>\r\n</body>\r\n</html>\r\n";
      }
      return response(status, "text/html" + (apache ? "; charset=iso-8859-1" : ""), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String contentType(Path file) {
      String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (n.endsWith(".html") || n.endsWith(".htm")) return "text/html";
      if (n.endsWith(".css")) return "text/css";
      if (n.endsWith(".js")) return "application/javascript";
      if (n.endsWith(".json")) return "application/json";
      if (n.endsWith(".png")) return "image/png";
      if (n.endsWith(".txt")) return "text/plain";
      return "application/octet-stream";
    }
  }

  /**
   * agnhost netexec: {@code /} (NOW: time), {@code /hostname}, {@code /clientip}, {@code /echo?msg=},
   * {@code /header?key=}, {@code /healthz}, {@code /env}, {@code /exit?code=} (the container exits).
   */
  public static final class Netexec implements HttpApp {
    private final String hostname;
    private final Map<String, String> env;
    private final IntConsumer exit;
    private final Clock clock;

    public Netexec(String hostname, Map<String, String> env, IntConsumer exit, Clock clock) {
      this.hostname = hostname;
      this.env = env;
      this.exit = exit;
      this.clock = clock;
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest req, InetSocketAddress remote, InetSocketAddress local) {
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      String path = q.path();
      return switch (path) {
        case "/" -> text(HttpResponseStatus.OK, "NOW: " + clock.instant());
        case "/hostname" -> text(HttpResponseStatus.OK, hostname);
        case "/clientip" -> text(HttpResponseStatus.OK, remote.getAddress().getHostAddress() + ":" + remote.getPort());
        case "/echo" -> text(HttpResponseStatus.OK, param(q, "msg"));
        case "/header" -> text(HttpResponseStatus.OK, String.valueOf(req.headers().get(param(q, "key"))));
        case "/healthz" -> text(HttpResponseStatus.OK, "");
        case "/env" -> {
          StringBuilder b = new StringBuilder();
          new TreeMap<>(env).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
          yield text(HttpResponseStatus.OK, b.toString());
        }
        case "/exit" -> {
          int code = Programs.parsePort(param(q, "code"), 0);
          exit.accept(code);
          yield text(HttpResponseStatus.OK, "");
        }
        default -> text(HttpResponseStatus.NOT_FOUND, "404 page not found\n");
      };
    }
  }

  /** UDP side of netexec: "hostname", "echo msg", "clientip"; anything else is echoed back. */
  public static String netexecUdp(String hostname, String text, InetSocketAddress sender) {
    String t = text.trim();
    if (t.equals("hostname")) return hostname;
    if (t.equals("clientip")) return sender.getAddress().getHostAddress() + ":" + sender.getPort();
    if (t.startsWith("echo ")) return t.substring(5);
    return text;
  }

  /** agnhost liveness: {@code /healthz} is 200 for the first 10 seconds of the container, then 500. */
  public static final class Liveness implements HttpApp {
    private final Instant started;
    private final Clock clock;

    public Liveness(Clock clock) {
      this.clock = clock;
      this.started = clock.instant();
    }

    @Override
    public FullHttpResponse handle(FullHttpRequest req, InetSocketAddress remote, InetSocketAddress local) {
      long seconds = java.time.Duration.between(started, clock.instant()).toSeconds();
      if (seconds > 10) {
        return text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "error: " + seconds);
      }
      return text(HttpResponseStatus.OK, "ok");
    }
  }

  /** serve_hostname: the pod's hostname on every path. */
  public static HttpApp hostname(String hostname) {
    return (req, remote, local) -> text(HttpResponseStatus.OK, hostname);
  }

  /** hashicorp/http-echo: the -text on every path, {@code /health} answers {"status":"ok"}. */
  public static HttpApp httpEcho(String text) {
    return (req, remote, local) -> {
      FullHttpResponse r = new QueryStringDecoder(req.uri()).path().equals("/health")
          ? response(HttpResponseStatus.OK, "application/json", "{\"status\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8))
          : text(HttpResponseStatus.OK, text + "\n");
      r.headers().set("X-App-Name", "http-echo");
      r.headers().set("X-App-Version", "1.0.0");
      return r;
    };
  }

  /** registry.k8s.io/echoserver: the request described back as text. */
  public static HttpApp echoserver(String hostname) {
    return (req, remote, local) -> {
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      StringBuilder b = new StringBuilder("\n\nHostname: ").append(hostname).append("\n\nPod Information:\n")
          .append("\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n")
          .append("Request Information:\n\tclient_address=").append(remote.getAddress().getHostAddress())
          .append("\n\tmethod=").append(req.method()).append("\n\treal path=").append(q.path())
          .append("\n\tquery=").append(q.rawQuery()).append("\n\trequest_version=1.1\n\trequest_scheme=http\n")
          .append("\trequest_uri=http://").append(local.getAddress().getHostAddress()).append(':').append(local.getPort())
          .append(req.uri()).append("\n\nRequest Headers:\n");
      new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER) {{
        req.headers().forEach(e -> put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
      }}.forEach((k, v) -> b.append('\t').append(k).append('=').append(v).append('\n'));
      String body = req.content().toString(StandardCharsets.UTF_8);
      b.append("\nRequest Body:\n").append(body.isEmpty() ? "\t-no body in request-\n" : body + "\n");
      FullHttpResponse r = text(HttpResponseStatus.OK, b.toString());
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
      r.headers().set(HttpHeaderNames.SERVER, "echoserver");
      return r;
    };
  }

  /** ealen/echo-server: the request as JSON (host, http, request, environment). */
  public static HttpApp ealenEcho(String hostname, String podIp, Map<String, String> env) {
    return (req, remote, local) -> {
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      StringBuilder headers = new StringBuilder();
      req.headers().forEach(e -> headers.append(headers.length() == 0 ? "" : ",")
          .append(json(e.getKey().toLowerCase(Locale.ROOT))).append(':').append(json(e.getValue())));
      StringBuilder query = new StringBuilder();
      q.parameters().forEach((k, v) -> query.append(query.length() == 0 ? "" : ",").append(json(k)).append(':')
          .append(json(v.isEmpty() ? "" : v.get(0))));
      StringBuilder envJson = new StringBuilder();
      new TreeMap<>(env).forEach((k, v) -> envJson.append(envJson.length() == 0 ? "" : ",").append(json(k)).append(':').append(json(v)));
      String body = "{\"host\":{\"hostname\":" + json(hostname) + ",\"ip\":" + json("::ffff:" + podIp) + ",\"ips\":[]},"
          + "\"http\":{\"method\":" + json(req.method().name()) + ",\"baseUrl\":\"\",\"originalUrl\":" + json(req.uri())
          + ",\"protocol\":\"http\"},\"request\":{\"params\":{\"0\":" + json(q.path()) + "},\"query\":{" + query
          + "},\"cookies\":{},\"body\":{},\"headers\":{" + headers + "}},\"environment\":{" + envJson + "}}";
      return response(HttpResponseStatus.OK, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    };
  }

  static String json(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
          else b.append(c);
        }
      }
    }
    return b.append('"').toString();
  }

  private static String param(QueryStringDecoder q, String name) {
    List<String> v = q.parameters().get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }
}
