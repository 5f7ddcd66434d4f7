package io.svclab.e2e.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.svclab.client.json.KubeJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The apiserver's Kubernetes REST API over HTTPS, spoken as kubectl speaks it: bearer token and CA
 * from the kubeconfig, HTTP/1.1 with keep-alive (the JDK client's connection pool, one connection
 * per concurrent request, TLS sessions kept), JSON bodies, lists asked for as server-side Tables,
 * watches as {@code watch=true} streams on their own connections.
 */
final class RestFrontDoor implements FrontDoor {
  static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String NAME_SLOT = "@name@";
  private static final String CLIENT_SLOT = "@client@";

  private final URI services;
  private final String authorization;
  private final HttpClient http;
  private final HttpClient watchHttp;
  private final String bodyTemplate;

  RestFrontDoor(LabKubeconfig kubeconfig) throws Exception {
    this.services = kubeconfig.server().resolve("/api/v1/namespaces/default/services");
    this.authorization = "Bearer " + kubeconfig.token();
    this.http = client(kubeconfig);
    this.watchHttp = client(kubeconfig);
    // the body is the same Service as gRPC's, encoded once; name and client label are spliced in per request
    JsonObject withType = new JsonObject();
    withType.addProperty("apiVersion", "v1");
    withType.addProperty("kind", "Service");
    KubeJson.encode(GrpcFrontDoor.service(NAME_SLOT, 0)).entrySet().forEach(e -> withType.add(e.getKey(), e.getValue()));
    this.bodyTemplate = withType.toString().replace("\"" + FrontDoor.clientLabelValue(0) + "\"", "\"" + CLIENT_SLOT + "\"");
  }

  private static HttpClient client(LabKubeconfig kubeconfig) throws Exception {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(kubeconfig.sslContext())
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", authorization);
  }

  private String body(String name, int client) {
    return bodyTemplate.replace(NAME_SLOT, name).replace(CLIENT_SLOT, FrontDoor.clientLabelValue(client));
  }

  private static String expect(HttpResponse<String> r, int code) {
    if (r.statusCode() != code) {
      throw new IllegalStateException(r.request().method() + " " + r.uri() + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  @Override
  public String name() {
    return "rest";
  }

  @Override
  public void create(int client, String name) throws Exception {
    expect(http.send(request(services).header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(name, client))).build(), HttpResponse.BodyHandlers.ofString()), 201);
  }

  @Override
  public void get(int client, String name) throws Exception {
    expect(http.send(request(URI.create(services + "/" + name)).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString()), 200);
  }

  @Override
  public int list(int client) throws Exception {
    String selector = URLEncoder.encode(FrontDoor.CLIENT_LABEL + "=" + FrontDoor.clientLabelValue(client),
        StandardCharsets.UTF_8);
    String table = expect(http.send(request(URI.create(services + "?labelSelector=" + selector + "&limit=500"))
        .header("Accept", TABLE).build(), HttpResponse.BodyHandlers.ofString()), 200);
    return JsonParser.parseString(table).getAsJsonObject().getAsJsonArray("rows").size();
  }

  @Override
  public void delete(int client, String name) throws Exception {
    expect(http.send(request(URI.create(services + "/" + name)).DELETE().build(), HttpResponse.BodyHandlers.ofString()),
        200);
  }

  @Override
  public AutoCloseable watch(IntConsumer onAdded) throws Exception {
    String list = expect(http.send(request(URI.create(services + "?limit=1")).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofString()), 200);
    String rv = JsonParser.parseString(list).getAsJsonObject().getAsJsonObject("metadata").get("resourceVersion")
        .getAsString();
    // ofLines completes on the response head (the server sends it once the watch is registered)
    HttpResponse<Stream<String>> head = watchHttp.send(request(URI.create(services + "?watch=true&resourceVersion=" + rv))
        .timeout(Duration.ofDays(1)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofLines());
    if (head.statusCode() != 200) {
      throw new IllegalStateException("watch -> " + head.statusCode());
    }
    Stream<String> lines = head.body();
    Thread reader = new Thread(() -> {
      try {
        lines.forEach(line -> {
          if (line.startsWith("{\"type\":\"ADDED\"")) {
            onAdded.accept(1);
          }
        });
      } catch (RuntimeException e) {
        // the stream was closed: the watch ended
      }
    }, "rest-watch");
    reader.setDaemon(true);
    reader.start();
    return lines::close;
  }

  @Override
  public void close() {
    // the JDK 17 client has no close; its connections go with it
  }
}
