package io.svclab.e2e.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of {@code pods/exec} speaking {@code v5.channel.k8s.io} itself, as kubectl does but with
 * nothing held back: the JDK's WebSocket client, the apiserver's CA and token from its kubeconfig.
 * Each binary message is one channel byte and its payload (0 stdin, 1 stdout, 2 stderr, 3 the
 * Status, 4 resize, 255 close). For abuse tests: floods of resizes, a client that vanishes.
 */
final class ExecWebSocket implements AutoCloseable {
  static final byte STDIN = 0;
  static final byte RESIZE = 4;

  private final WebSocket socket;
  private final StringBuffer stdout;
  private final StringBuffer status;

  private ExecWebSocket(WebSocket socket, StringBuffer stdout, StringBuffer status) {
    this.socket = socket;
    this.stdout = stdout;
    this.status = status;
  }

  /** Opens {@code exec} of {@code argv} in {@code namespace/pod} with stdin and a TTY. */
  static ExecWebSocket open(Path kubeconfig, String namespace, String pod, List<String> argv) throws Exception {
    String config = Files.readString(kubeconfig);
    String server = field(config, "server");
    String token = field(config, "token");
    byte[] ca = Base64.getDecoder().decode(field(config, "certificate-authority-data"));
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("apiserver", CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(ca)));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    StringBuilder query = new StringBuilder("stdin=true&stdout=true&tty=true");
    for (String a : argv) query.append("&command=").append(URLEncoder.encode(a, StandardCharsets.UTF_8));
    URI uri = URI.create(server.replaceFirst("^https", "wss") + "/api/v1/namespaces/" + namespace + "/pods/" + pod
        + "/exec?" + query);
    HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
    StringBuffer out = new StringBuffer();
    StringBuffer st = new StringBuffer();
    WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
        .subprotocols("v5.channel.k8s.io").connectTimeout(Duration.ofSeconds(10))
        .buildAsync(uri, new WebSocket.Listener() {
          private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

          @Override
          public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
              byte[] message = partial.toByteArray();
              partial.reset();
              if (message.length > 0) {
                String text = new String(message, 1, message.length - 1, StandardCharsets.UTF_8);
                if (message[0] == 1) out.append(text);
                if (message[0] == 3) st.append(text);
              }
            }
            w.request(1);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    return new ExecWebSocket(ws, out, st);
  }

  String stdout() {
    return stdout.toString();
  }

  /** The Status JSON the apiserver sent on channel 3 (empty until the command ended). */
  String status() {
    return status.toString();
  }

  /** One message on a channel; waits until the client has sent it (one send at a time). */
  void send(byte channel, byte[] payload) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(payload.length + 1).put(channel).put(payload).flip();
    socket.sendBinary(b, true).get(30, TimeUnit.SECONDS);
  }

  void type(String keys) throws Exception {
    send(STDIN, keys.getBytes(StandardCharsets.UTF_8));
  }

  void resize(int width, int height) throws Exception {
    send(RESIZE, ("{\"Width\":" + width + ",\"Height\":" + height + "}").getBytes(StandardCharsets.UTF_8));
  }

  /** Drops the connection without a close handshake, as a client that crashes. */
  void vanish() {
    socket.abort();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private static String field(String yaml, String key) throws IOException {
    Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*(\\S+)\\s*$").matcher(yaml);
    if (!m.find()) throw new IOException("no " + key + " in the kubeconfig");
    return m.group(1).replaceAll("^\"|\"$", "");
  }
}
