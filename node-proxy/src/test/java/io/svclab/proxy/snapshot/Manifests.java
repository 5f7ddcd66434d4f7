package io.svclab.proxy.snapshot;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Service;
import io.svclab.client.json.DecodedObject;
import io.svclab.client.json.ManifestDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test inputs as Kubernetes manifests, turned into a snapshot by the proxy's own SnapshotBuilder. */
public final class Manifests {
  private Manifests() {}

  public static ProxySnapshot snapshotOf(String manifests, String nodeName) {
    List<Service> services = new ArrayList<>();
    List<EndpointSlice> slices = new ArrayList<>();
    for (DecodedObject o : ManifestDecoder.decode(manifests)) {
      if (!o.unknownFields().isEmpty()) {
        throw new IllegalArgumentException("fields svclab does not model: " + o.unknownFields());
      }
      if (o.object() instanceof Service s) services.add(s);
      else if (o.object() instanceof EndpointSlice e) slices.add(e);
      else throw new IllegalArgumentException("unexpected " + o.object().getClass().getSimpleName());
    }
    return SnapshotBuilder.build(services, slices, nodeName);
  }

  /** A test resource's text, by its path under the resources root. */
  public static String resource(String path) throws IOException {
    try (InputStream in = Manifests.class.getResourceAsStream("/" + path)) {
      if (in == null) throw new IOException("no test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
