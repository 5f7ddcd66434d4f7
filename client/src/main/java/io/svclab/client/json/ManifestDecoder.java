package io.svclab.client.json;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.protobuf.Message;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes manifests (multi-document YAML or JSON, exactly as tutorials print them) to API
 * objects through the one Kubernetes JSON mapping ({@link KubeJson}); fields svclab does not
 * model are reported, as kubectl reports unknown fields, and left out.
 */
public final class ManifestDecoder {
  private static final Gson GSON = new Gson();

  private ManifestDecoder() {}

  public static List<DecodedObject> decode(String text) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<DecodedObject> out = new ArrayList<>();
    int index = 0;
    for (Object doc : yaml.loadAll(text)) {
      index++;
      if (doc == null) {
        continue;
      }
      if (!(doc instanceof Map<?, ?> map)) {
        // kubectl's words (its decoder is Go's encoding/json)
        throw new IllegalArgumentException("json: cannot unmarshal " + (doc instanceof List ? "array"
            : doc instanceof String ? "string" : doc instanceof Boolean ? "bool" : "number")
            + " into Go value of type unstructured.detector");
      }
      Object kindName = map.get("kind");
      if (kindName == null) {
        throw new IllegalArgumentException("Object 'Kind' is missing in '" + GSON.toJson(map) + "'");
      }
      if ("List".equals(kindName) && map.get("items") instanceof List<?> items) {
        for (Object item : items) {
          out.addAll(decode(GSON.toJson(item)));
        }
        continue;
      }
      ResourceKind<?> kind = ResourceKinds.find(kindName.toString()).filter(k -> k.kind().equals(kindName))
          .orElseThrow(() -> new IllegalArgumentException("no matches for kind \"" + kindName + "\" in version \""
              + map.get("apiVersion") + "\""));
      JsonElement tree = GSON.toJsonTree(map);
      KubeJson.Decoded<? extends Message> decoded;
      try {
        decoded = KubeJson.decode(tree, kind.prototype());
      } catch (KubeJsonException e) {
        throw new IllegalArgumentException("document " + index + " (" + kindName + "): " + e.getMessage(), e);
      }
      out.add(new DecodedObject(kind, decoded.object(), decoded.unknownFields()));
    }
    return out;
  }
}
